/* Maps of reports (Leaflet + markercluster, served from static/vendor).
   Pins and clusters work without tiles; every map has a non-map alternative on the page. */
(function () {
  "use strict";

  function clamp(value, low, high) { return Math.min(high, Math.max(low, value)); }

  function baseMap(element) {
    var config = JSON.parse(element.getAttribute("data-config"));
    var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.5 });
    map.fitBounds([[config.south, config.west], [config.north, config.east]]);
    L.tileLayer(config.tiles, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
    if (config.districts) {
      // District outlines: a sense of place even when the tiles cannot load.
      fetch(config.districts).then(function (r) { return r.json(); }).then(function (data) {
        L.geoJSON(data, {
          interactive: false,
          style: { color: "#4a5561", weight: 1.5, fillColor: "#c9d1d9", fillOpacity: 0.15 }
        }).addTo(map).bringToBack();
      }).catch(function () {});
    }
    return { map: map, config: config };
  }

  function pinIcon(properties) {
    var state = properties.open ? "pin-open" : "pin-closed";
    return L.divIcon({ className: "pin " + state + " pin-" + properties.status, iconSize: [18, 18] });
  }

  function clusterMarker(map, latlng, count, template) {
    // Counted on the server; the same look as markercluster's own bubbles.
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var icon = L.divIcon({
      html: "<div><span>" + count + "</span></div>",
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40)
    });
    var label = (template || "%s").replace("%s", String(count));
    var marker = L.marker(latlng, { icon: icon, title: label, alt: label });
    marker.on("click", function () { map.setView(latlng, map.getZoom() + 2); });
    return marker;
  }

  function popup(feature) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = feature.properties.url;
    link.textContent = feature.properties.title;
    link.lang = feature.properties.language;
    var meta = document.createElement("p");
    meta.textContent = feature.properties.status_name + " · " + feature.properties.category;
    box.appendChild(link);
    box.appendChild(meta);
    return box;
  }

  function linkMarkers(map, items, kind) {
    // Places that link to their page (the page lists them too): open consultations at
    // the middle of their district, a budget's proposals where residents put them.
    (items || []).forEach(function (c) {
      var icon = L.divIcon({ className: "pin pin-" + kind, iconSize: [22, 22] });
      var marker = L.marker([c.lat, c.lon], { icon: icon, title: c.title, alt: c.title, zIndexOffset: 1000 });
      var link = document.createElement("a");
      link.href = c.url;
      link.textContent = c.title;
      marker.bindPopup(link);
      marker.addTo(map);
    });
  }

  function reportsMap(element) {
    var made = baseMap(element), map = made.map, config = made.config;
    linkMarkers(map, config.consultations, "consultation");
    var cluster = L.markerClusterGroup();  // individual pins, close up
    var counted = L.layerGroup();  // clusters counted by the server, further out
    map.addLayer(cluster);
    map.addLayer(counted);
    var pending = null;
    function load() {
      var b = map.getBounds();
      var params = new URLSearchParams(config.filters || {});
      params.set("zoom", String(Math.floor(map.getZoom())));
      params.set("bbox", [clamp(b.getWest(), -180, 179.9), clamp(b.getSouth(), -90, 89.9),
                          clamp(b.getEast(), -179.9, 180), clamp(b.getNorth(), -89.9, 90)]
        .map(function (n) { return n.toFixed(5); }).join(","));
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(config.geojson + "?" + params.toString(), { signal: pending.signal })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          cluster.clearLayers();
          counted.clearLayers();
          L.geoJSON(data, {
            pointToLayer: function (feature, latlng) {
              if (feature.properties.cluster) {
                return clusterMarker(map, latlng, feature.properties.count, config.cluster_label);
              }
              return L.marker(latlng, { icon: pinIcon(feature.properties), title: feature.properties.title });
            },
            onEachFeature: function (feature, layer) {
              if (!feature.properties.cluster) { layer.bindPopup(popup(feature)); }
            }
          }).eachLayer(function (layer) {
            (layer.feature.properties.cluster ? counted : cluster).addLayer(layer);
          });
          element.setAttribute("data-loaded", String(data.features.length));
          var status = document.getElementById(element.id + "-status");
          if (status) {
            var points = data.features.filter(function (f) { return !f.properties.cluster; });
            status.textContent = points.length && data.total > points.length
              ? config.truncated_label.replace("%(shown)s", points.length).replace("%(total)s", data.total)
              : "";
          }
        })
        .catch(function () { /* aborted or offline: the list below still works */ });
    }
    map.on("moveend", load);
    load();
  }

  function pickerMap(element) {
    var made = baseMap(element), map = made.map;
    // The fields the pin writes to (data-lat / data-lon: their ids; default lat, lon).
    var lat = document.getElementById(element.getAttribute("data-lat") || "lat");
    var lon = document.getElementById(element.getAttribute("data-lon") || "lon");
    var marker = null;
    function place(latlng, pan) {
      if (!marker) {
        marker = L.marker(latlng, { draggable: true, title: element.getAttribute("data-pin-label") }).addTo(map);
        marker.on("dragend", function () { write(marker.getLatLng()); });
      } else {
        marker.setLatLng(latlng);
      }
      if (pan) { map.panTo(latlng); }
    }
    function write(latlng) {
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
    }
    map.on("click", function (event) { place(event.latlng, false); write(event.latlng); });
    function readTyped() {
      var a = parseFloat(lat.value), b = parseFloat(lon.value);
      if (!isNaN(a) && !isNaN(b)) { place(L.latLng(a, b), true); }
    }
    lat.addEventListener("change", readTyped);
    lon.addEventListener("change", readTyped);
    readTyped();
  }

  function pointMap(element) {
    // One place (a proposal's): its pin, the map centred on it.
    var made = baseMap(element), map = made.map, point = made.config.point;
    L.marker(point, { title: element.getAttribute("data-pin-label") }).addTo(map);
    map.setView(point, 16);
  }

  function placesMap(element) {
    // A list of linked places (a budget's proposals), the map fitted around them.
    var made = baseMap(element), map = made.map, places = made.config.places || [];
    linkMarkers(map, places, "proposal");
    if (places.length) {
      map.fitBounds(places.map(function (p) { return [p.lat, p.lon]; }), { padding: [30, 30], maxZoom: 16 });
    }
  }

  document.querySelectorAll("[data-map=reports]").forEach(reportsMap);
  document.querySelectorAll("[data-map=places]").forEach(placesMap);
  document.querySelectorAll("[data-map=point]").forEach(pointMap);
  document.querySelectorAll("[data-map=picker]").forEach(pickerMap);
})();
