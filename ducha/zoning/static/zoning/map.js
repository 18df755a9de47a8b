/* Offline maps of control units: Leaflet with no tile layer. The base layer is the units
   themselves, coloured by category, with county boundaries from a shipped file; nothing
   is fetched from outside this server. Maps start from data- attributes (no inline
   script, for the Content-Security-Policy): <div data-zoning-map="edition|unit|site">. */
(function () {
  "use strict";

  function baseMap(id) {
    var map = L.map(id, { zoomSnap: 0.25, attributionControl: false, preferCanvas: true });
    map.setView([27.83, 112.7], 9);
    return map;
  }

  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function unitStyle(feature) {
    return { color: "#555", weight: 0.6, fillColor: feature.properties.colour, fillOpacity: 0.55 };
  }

  function loadCounties(map, url) {
    if (!url) return;
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) return;
      L.geoJSON(data, {
        style: { color: "#222", weight: 2, dashArray: "6 4", fill: false },
        interactive: false,
        onEachFeature: function (f, layer) {
          if (f.properties && f.properties.name) layer.bindTooltip(esc(f.properties.name), { sticky: true });
        }
      }).addTo(map);
    });
  }

  function loadUnits(map, el, fit, interactive) {
    if (!el.dataset.units) return;
    fetch(el.dataset.units, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      var layer = L.geoJSON(data, {
        style: unitStyle,
        interactive: interactive !== false,
        onEachFeature: function (f, lyr) {
          var p = f.properties, html = "<b>" + esc(p.name) + "</b><br>" + esc(p.code) + " · " + esc(p.category) + " · " + esc(p.county);
          (p.requirements || []).forEach(function (r) {
            if (r[1]) html += "<p><b>" + esc(r[0]) + "</b>：" + esc(r[1]) + "</p>";
          });
          if (p.placed && el.dataset.placed) {
            html += "<p>" + esc(el.dataset.placed.replace("{c}", p.placed.complaints).replace("{t}", p.placed.tasks)) + "</p>";
          }
          if (el.dataset.detail) html += '<a href="' + el.dataset.detail.replace("/0/", "/" + p.id + "/") + '">' + esc(el.dataset.open) + "</a>";
          lyr.bindPopup(html);
        }
      }).addTo(map);
      if (layer.getLayers().length && fit !== false) map.fitBounds(layer.getBounds());
      el.dataset.loaded = String(layer.getLayers().length);
    });
  }

  function loadPoints(map, el) {
    if (!el.dataset.points) return;
    fetch(el.dataset.points, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) return;
      map.createPane("points").style.zIndex = 450;  // above the units, whichever loads first
      var layer = L.geoJSON(data, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { pane: "points", radius: 5, weight: 1, color: "#222", fillColor: f.properties.colour, fillOpacity: 0.9 });
        },
        onEachFeature: function (f, lyr) {
          var p = f.properties, html = "<b>" + esc(p.ref) + "</b><br>" + esc(p.status);
          if (el.dataset.complaint) html += '<br><a href="' + el.dataset.complaint.replace("/0/", "/" + p.id + "/") + '">' + esc(p.ref) + "</a>";
          lyr.bindPopup(html);
        }
      }).addTo(map);
      el.dataset.pointsLoaded = String(layer.getLayers().length);
    });
  }

  window.ZoningMap = {
    edition: function (id) {
      var el = document.getElementById(id), map = baseMap(id);
      loadUnits(map, el);
      loadCounties(map, el.dataset.counties);
      loadPoints(map, el);
      return map;
    },
    unit: function (id, featureId) {
      var feature = JSON.parse(document.getElementById(featureId).textContent);
      var map = baseMap(id), layer = L.geoJSON(feature, { style: unitStyle }).addTo(map);
      map.fitBounds(layer.getBounds());
      return map;
    },
    pick: function (id) {
      // the location panel: a click puts the point's WGS84 numbers in the form
      var el = document.getElementById(id), map = baseMap(id), marker = null;
      loadUnits(map, el, !el.dataset.at, false);
      loadCounties(map, el.dataset.counties);
      function mark(latlng) {
        if (marker) marker.remove();
        marker = L.circleMarker(latlng, { radius: 7, color: "#c00" }).addTo(map);
      }
      if (el.dataset.at) {
        var at = el.dataset.at.split(",").map(Number);
        mark(L.latLng(at[1], at[0]));
        map.setView([at[1], at[0]], 13);
      }
      [el.dataset.lon, el.dataset.lat].forEach(function (field) {  // typed again: not picked any more
        document.getElementById(field).addEventListener("input", function () { document.getElementById(el.dataset.picked).value = ""; });
      });
      map.on("click", function (e) {
        mark(e.latlng);
        document.getElementById(el.dataset.lon).value = e.latlng.lng.toFixed(6);
        document.getElementById(el.dataset.lat).value = e.latlng.lat.toFixed(6);
        document.getElementById(el.dataset.crs).value = "wgs84";
        document.getElementById(el.dataset.picked).value = "True";
      });
      return map;
    },
    site: function (id, textareaId, clearId, siteId) {
      var el = document.getElementById(id), map = baseMap(id), box = document.getElementById(textareaId);
      var marks = L.layerGroup().addTo(map), shape = null, points = [];
      var site = document.getElementById(siteId);
      loadUnits(map, el, !site, false);  // units under the drawing do not take its clicks
      loadCounties(map, el.dataset.counties);
      function redraw() {
        marks.clearLayers();
        points.forEach(function (p) { L.circleMarker(p, { radius: 4, color: "#c00" }).addTo(marks); });
        if (points.length >= 3) L.polygon(points, { color: "#c00", weight: 2, fillOpacity: 0.1 }).addTo(marks);
        box.value = points.map(function (p) { return p.lng.toFixed(6) + " " + p.lat.toFixed(6); }).join("\n");
      }
      map.on("click", function (e) { points.push(e.latlng); redraw(); });
      document.getElementById(clearId).addEventListener("click", function () { points = []; redraw(); });
      if (site) {
        shape = L.geoJSON(JSON.parse(site.textContent), {
          style: { color: "#c00", weight: 3, fillOpacity: 0.15 },
          pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 7, color: "#c00" }); }
        }).addTo(map);
        map.fitBounds(shape.getBounds(), { maxZoom: 13 });
      }
      return map;
    }
  };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-zoning-map]").forEach(function (el) {
      var kind = el.dataset.zoningMap;
      if (kind === "edition") window.ZoningMap.edition(el.id);
      else if (kind === "unit") window.ZoningMap.unit(el.id, el.dataset.feature);
      else if (kind === "pick") window.ZoningMap.pick(el.id);
      else if (kind === "site") window.ZoningMap.site(el.id, el.dataset.input, el.dataset.clear, el.dataset.site);
    });
  });
})();
