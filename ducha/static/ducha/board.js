// The leaders' screen: two ECharts charts from the JSON the page carries (no CDN).
(function () {
  "use strict";
  function start() {
    var holder = document.getElementById("board-data");
    if (!holder || typeof echarts === "undefined") return;
    var data = JSON.parse(holder.textContent);
    var trendBox = document.getElementById("chart-trend");
    if (trendBox) {
      var trend = echarts.init(trendBox);
      trend.setOption({
        animation: false,
        tooltip: { trigger: "axis" },
        grid: { left: 40, right: 16, top: 24, bottom: 40 },
        xAxis: { type: "category", data: data.trend.map(function (r) { return r.week; }) },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ name: data.labels.closed, type: "line", data: data.trend.map(function (r) { return r.closed; }) }]
      });
      window.addEventListener("resize", function () { trend.resize(); });
    }
    var districtBox = document.getElementById("chart-districts");
    if (districtBox) {
      var bars = echarts.init(districtBox);
      bars.setOption({
        animation: false,
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 32, bottom: 60 },
        xAxis: { type: "category", axisLabel: { rotate: 30 }, data: data.districts.map(function (r) { return r.name; }) },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: data.labels.received, type: "bar", data: data.districts.map(function (r) { return r.received; }) },
          { name: data.labels.on_time, type: "bar", data: data.districts.map(function (r) { return r.on_time; }) }
        ]
      });
      // a bar leads to the complaints of its district
      bars.on("click", function (p) { var r = data.districts[p.dataIndex]; if (r) window.location.href = r.url; });
      window.addEventListener("resize", function () { bars.resize(); });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
