/* "About this map": a collapsible box of plain-text notes (textContent only). */
(function () {
  "use strict";
  window.SahelMap = window.SahelMap || {};
  window.SahelMap.notes = function (map, options) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = L.DomUtil.create("details", "sahel-notes");
      var summary = L.DomUtil.create("summary", "", box);
      summary.textContent = options.title;
      var list = L.DomUtil.create("ul", "", box);
      options.lines.forEach(function (line) {
        L.DomUtil.create("li", "", list).textContent = line;
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(map);
    return control;
  };
})();
