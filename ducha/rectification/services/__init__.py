"""Every write in rectification, one module per concept (check with scoping.require, lock,
validate, write, audit; one transaction per user action).

    task_list.py   import of the task list (整改任务清单), all or nothing
    tasks.py       add_task (also for other areas), units, settling a deadline
    progress.py    monthly progress reports (调度)
    acceptance.py  acceptance (验收), public notice (公示) and objections, sign-off (销号)
"""
