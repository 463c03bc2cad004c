// The story/place map: country outlines bundled with the package, located events clustered,
// popups listing the sources.  Data come from the JSON API; text is set with textContent only.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var map = L.map(el, { zoomSnap: 0.5, minZoom: 2, maxZoom: 12, attributionControl: true });
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Natural Earth");
  map.setView([40, 46], 4);
  fetch("/static/world.geojson").then(function (r) { return r.json(); }).then(function (world) {
    L.geoJSON(world, { style: { color: "#8a94a3", weight: 1, fillColor: "#f3f1ea", fillOpacity: 1 },
                       interactive: false }).addTo(map).bringToBack();
  });
  function popup(p) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.what + (p.when ? " — " + p.when : "");
    box.appendChild(title);
    var where = document.createElement("div");
    where.textContent = (p.place || "") + " · " + p.status;
    box.appendChild(where);
    var list = document.createElement("ul");
    p.sources.forEach(function (s) { var li = document.createElement("li"); li.textContent = s; list.appendChild(li); });
    box.appendChild(list);
    var link = document.createElement("a");
    link.href = "/event/" + encodeURIComponent(p.id);
    link.textContent = "How each outlet told it";
    box.appendChild(link);
    return box;
  }
  fetch(el.getAttribute("data-src")).then(function (r) { return r.json(); }).then(function (data) {
    var cluster = L.markerClusterGroup({ maxClusterRadius: 40, spiderfyOnMaxZoom: true });
    var css = { "corroborated": "ok", "confirmed against interest": "ok", "disputed": "warn", "denied": "warn" };
    data.points.forEach(function (p) {
      var icon = L.divIcon({ className: "pin " + (css[p.status] || ""), iconSize: [14, 14] });
      cluster.addLayer(L.marker([p.lat, p.lon], { icon: icon, title: p.what }).bindPopup(popup(p)));
    });
    map.addLayer(cluster);
    el.setAttribute("data-points", String(data.points.length));
    if (data.points.length) {
      map.fitBounds(cluster.getBounds().pad(0.6), { maxZoom: 7 });
    }
    el.setAttribute("data-ready", "1");
    window.consilienceMap = map;  // for the browser tests and the console
  });
})();
