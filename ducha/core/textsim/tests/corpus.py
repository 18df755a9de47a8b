"""Hand-written complaints in the style of inspection hand-over tables (交办表).

Places and people are invented. Each repeat group is one target (same site) written by
different complainants; each look-alike pair shares a town, a river, a company name or
most of the wording, but is about two different sites.
"""

COMPLAINTS: dict[str, str] = {
    # -- a pig farm in 古城村, 石潭镇 -------------------------------------------------
    "pig-1": (
        "举报人反映：湘潭县石潭镇古城村刘某养猪场养殖规模大，粪污未经处理直接排入附近水塘，臭味严重，影响周边村民生活。"
    ),
    "pig-2": "石潭镇古城村有一家养猪场，猪粪水直排，气味熏人，村民反映多次无人处理。",
    "pig-3": (
        "来电反映湘潭县石潭镇古城村三组刘某的生猪养殖场在禁养区内养猪，存栏约500头，"
        "废水偷排进小溪，夏天臭气熏天，蚊蝇滋生，要求关停。"
    ),
    # a different pig farm in the same town (新华村), worded like pig-1 and pig-2
    "pig-other-1": (
        "举报人反映：湘潭县石潭镇新华村王某养猪场养殖规模大，粪污未经处理直接排入附近水塘，臭味严重，影响周边村民生活。"
    ),
    "pig-other-2": "石潭镇新华村有一家养猪场，猪粪水直排，气味熏人，村民多次反映。",
    # -- a sand yard in 浦口镇, 醴陵市 ------------------------------------------------
    "sand-1": "醴陵市浦口镇宏达砂石场夜间生产，噪声扰民，运输车辆扬尘大，道路上到处是泥沙。",
    "sand-2": ("举报人称浦口镇的宏达砂石有限公司晚上机器轰鸣，严重影响附近居民休息，大货车来回拉砂，灰尘很大。"),
    "sand-3": "反映醴陵市浦口镇宏达砂场非法洗砂，洗砂废水直排渌江，江水浑浊。",
    # the same company name in another town
    "sand-other": "醴陵市白兔潭镇宏达砂石场夜间生产，噪声扰民，运输车辆扬尘大，道路上到处是泥沙。",
    # -- a coal dock on the 湘江 ------------------------------------------------------
    "dock-1": "株洲市石峰区湘江边霞湾码头非法堆放煤炭，装卸作业粉尘污染严重，煤灰飘进居民家中。",
    "dock-2": "霞湾码头堆煤扬尘，附近居民家里窗台上全是黑灰，希望管一管。",
    "dock-3": "反映湘江石峰段霞湾码头装卸煤炭无防尘措施，雨天煤污水流入湘江。",
    # another dock on the same river
    "dock-other": ("株洲市石峰区湘江边清水塘码头非法堆放煤炭，装卸作业粉尘污染严重，煤灰飘进居民家中。"),
    # -- a barbecue shop under 金色家园小区 -------------------------------------------
    "bbq-1": "芦淞区建设路金色家园小区楼下的老王烧烤店每天营业到凌晨，油烟直排，噪音扰民。",
    "bbq-2": "建设路金色家园小区底商烧烤店油烟大，吵闹到半夜，居民无法休息。",
    # the same kind of shop under another compound on the same road
    "bbq-other": "芦淞区建设路阳光花园小区楼下的小李烧烤店每天营业到凌晨，油烟直排，噪音扰民。",
    # -- a chemical plant in 群丰镇 ----------------------------------------------------
    "chem-1": "株洲市天元区群丰镇宏达化工有限公司夜间偷排废气，刺鼻气味，附近村民头晕恶心。",
    "chem-2": "天元区群丰镇宏达化工厂晚上排放难闻气体，周边群众反映强烈。",
    "chem-3": "群丰镇宏达公司排污，废水流入周边农田，庄稼枯死。",
    # another chemical plant in the same town, same wording
    "chem-other": "株洲市天元区群丰镇兴旺化工有限公司夜间偷排废气，刺鼻气味，附近村民头晕恶心。",
    # -- a quarry in 网岭镇 -------------------------------------------------------------
    "quarry-1": "攸县网岭镇罗家村采石场放炮震裂房屋，粉尘大，山体破坏严重。",
    "quarry-2": "网岭镇罗家村的石场天天放炮，村民房子墙体开裂，灰尘满天。",
    # another quarry in a neighbouring village of the same town
    "quarry-other": "攸县网岭镇大同村采石场放炮震裂房屋，粉尘大，山体破坏严重。",
    # -- unrelated complaints ----------------------------------------------------------
    "mixer": "荷塘区明照乡鑫源搅拌站粉尘大，混凝土罐车洒漏，道路污染。",
    "landfill": "攸县网岭镇垃圾填埋场渗滤液外溢，流入下游农田，臭气熏天。",
    "river": "渌口区南洲镇渌江河段有人电鱼，河面漂浮死鱼。",
    "ktv": "荷塘区红旗路金鼎KTV夜间音响声音过大，严重影响周边居民休息。",
}

# Each group is one target: every pair inside a group is a repeat.
REPEAT_GROUPS: list[list[str]] = [
    ["pig-1", "pig-2", "pig-3"],
    ["pig-other-1", "pig-other-2"],
    ["sand-1", "sand-2", "sand-3"],
    ["dock-1", "dock-2", "dock-3"],
    ["bbq-1", "bbq-2"],
    ["chem-1", "chem-2", "chem-3"],
    ["quarry-1", "quarry-2"],
]

# Pairs that look alike but are two targets.
LOOKALIKES: list[tuple[str, str, str]] = [
    ("pig-1", "pig-other-1", "two pig farms in one town, the same wording"),
    ("pig-2", "pig-other-2", "two pig farms in one town, short texts"),
    ("pig-3", "pig-other-1", "two pig farms in one town, different wording"),
    ("sand-1", "sand-other", "the same company name in two towns"),
    ("dock-1", "dock-other", "two docks on the same river"),
    ("dock-3", "dock-other", "two docks on the same river, different wording"),
    ("bbq-1", "bbq-other", "two shops under two compounds of one road"),
    ("chem-1", "chem-other", "two chemical plants in one town"),
    ("quarry-1", "quarry-other", "two quarries in two villages of one town"),
    ("quarry-1", "landfill", "a quarry and a landfill in one town"),
]
