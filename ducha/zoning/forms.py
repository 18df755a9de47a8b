from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.core import geo
from ducha.uploads import UploadField
from ducha.zoning.models import FieldMapping
from ducha.zoning.queries import CRS_CHOICES

UPLOAD_SUFFIXES = (".zip", ".geojson", ".json")
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("管控单元图层"),
        help_text=_("GeoJSON（.geojson/.json）或 Shapefile 压缩包（.zip，含 .shp/.shx/.dbf/.prj/.cpg），不超过 200 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )
    edition = forms.CharField(
        label=_("版本名称"), max_length=120, required=False, help_text=_("如“2023年动态更新成果”；不填则用文件名")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(_("请上传 GeoJSON（.geojson/.json）或 Shapefile 压缩包（.zip）。"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件超过 200 MB。"))
        return upload


class ConfirmImportForm(forms.Form):
    # where the store keeps the working copy (it is named by its content)
    token = forms.RegexField(regex=r"^uploads/[0-9a-f]{2}/[0-9a-f]{64}\.(zip|geojson|json)$", widget=forms.HiddenInput)
    name = forms.CharField(max_length=255, widget=forms.HiddenInput)
    edition = forms.CharField(max_length=120, required=False, widget=forms.HiddenInput)


CRS_LABELS = {
    "wgs84": _("WGS84（GPS、奥维等）"),
    "gcj02": _("GCJ-02（高德、腾讯等手机地图）"),
    "cgcs2000": _("CGCS2000"),
}


class SiteForm(forms.Form):
    coordinates = forms.CharField(
        label=_("项目位置"),
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "112.9441 27.8295"}),
        help_text=_(
            "一个点或多个拐点，每行“经度 纬度”（可带序号列，可从表格直接粘贴，支持度分秒）；"
            "也可在地图上点选，或粘贴 GeoJSON。"
        ),
    )
    crs = forms.ChoiceField(
        label=_("坐标系"), choices=[(c, CRS_LABELS[c]) for c in CRS_CHOICES], initial="wgs84", required=False
    )
    project = forms.CharField(label=_("项目名称"), max_length=200, required=False)


class FieldMappingForm(forms.Form):
    source_name = forms.CharField(label=_("字段名"), max_length=64)
    target = forms.ChoiceField(label=_("含义"), choices=FieldMapping.Target.choices)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class LocationForm(forms.Form):
    """A case's location: coordinates typed in, or a photo whose EXIF GPS gives them."""

    lon = forms.FloatField(label=_("经度"), required=False, widget=forms.NumberInput(attrs={"step": "any"}))
    lat = forms.FloatField(label=_("纬度"), required=False, widget=forms.NumberInput(attrs={"step": "any"}))
    crs = forms.ChoiceField(
        label=_("坐标系"), choices=[(c, CRS_LABELS[c]) for c in CRS_CHOICES], initial="wgs84", required=False
    )
    photo = UploadField(
        label=_("或上传现场照片（读取照片中的 GPS 位置）"), suffixes=(".jpg", ".jpeg"), max_mb=20, required=False
    )
    # set by the map when the point was picked there (map.js); the numbers are then WGS84
    picked = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        photo = data.get("photo")
        if photo:
            position = geo.read_gps(photo.read())
            if position is None:
                raise forms.ValidationError(_("照片“%(name)s”中没有 GPS 位置信息。") % {"name": photo.name})
            # phones write EXIF GPS in WGS84 even where their maps show GCJ-02
            data.update(lon=position.lon, lat=position.lat, crs="wgs84", source="photo")
        elif data.get("lon") is None or data.get("lat") is None:
            raise forms.ValidationError(_("请填写经度和纬度，或上传带 GPS 位置的照片。"))
        else:
            data.setdefault("crs", "wgs84")
            data["crs"] = data["crs"] or "wgs84"
            data["source"] = "map" if data.get("picked") else "typed"
        return data
