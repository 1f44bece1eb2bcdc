// Starts Swagger UI on the API's description; a file, as the site's policy allows no
// inline script.
(function () {
  var root = document.getElementById("swagger-ui");
  SwaggerUIBundle({
    url: root.dataset.url,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    // the API only reads: no "Try it out" buttons for methods it refuses
    supportedSubmitMethods: ["get", "head"],
    // the validator badge would ask a server elsewhere to fetch our description
    validatorUrl: null,
  });
})();
