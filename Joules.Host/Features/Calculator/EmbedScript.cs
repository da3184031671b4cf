using System.Text.Json;

namespace Joules.Host.Features.Calculator;

/// <summary>The script a brand's website includes to embed the calculator: it inserts an iframe of
/// /rechner/{brand}?embed=1 into the element marked <c>data-joules-rechner</c> (or right after the script tag) and sets
/// the iframe's height from the page's messages, accepting only messages from the Joules origin and that iframe.</summary>
public static class EmbedScript
{
    /// <summary>The message type the calculator page posts to its parent with its content height.</summary>
    public const string HeightMessage = "joules-rechner-height";

    /// <summary>The calculator page's address in embed mode.</summary>
    public static string FrameUrl(string origin, string brandCode) => $"{origin}/rechner/{Uri.EscapeDataString(brandCode)}?embed=1";

    /// <summary>The script's address, for the snippet.</summary>
    public static string ScriptUrl(string origin, string brandCode) => $"{origin}/rechner/{Uri.EscapeDataString(brandCode)}/einbetten.js";

    /// <summary>The HTML a website puts where the calculator should appear.</summary>
    public static string Snippet(string origin, string brandCode) =>
        $"<div data-joules-rechner></div>\n<script src=\"{ScriptUrl(origin, brandCode)}\" async></script>";

    /// <summary>The script for <paramref name="brandCode"/> served from <paramref name="origin"/> (scheme://host[:port]).</summary>
    public static string For(string origin, string brandCode, string title) => $$"""
        (function () {
          "use strict";
          var origin = {{Js(origin)}};
          var script = document.currentScript;
          var frame = document.createElement("iframe");
          frame.src = {{Js(FrameUrl(origin, brandCode))}};
          frame.title = {{Js(title)}};
          frame.setAttribute("data-joules-rechner-frame", "");
          frame.style.width = "100%";
          frame.style.border = "0";
          frame.style.display = "block";
          frame.style.height = "640px";
          window.addEventListener("message", function (event) {
            if (event.origin !== origin || event.source !== frame.contentWindow) return;
            var data = event.data;
            if (!data || data.type !== {{Js(HeightMessage)}}) return;
            var height = Math.ceil(Number(data.height));
            if (height > 0 && height < 20000) frame.style.height = height + "px";
          });
          function place() {
            var target = document.querySelector("[data-joules-rechner]:not([data-joules-rechner-ready])");
            if (target) {
              target.setAttribute("data-joules-rechner-ready", "");
              target.appendChild(frame);
            } else if (script && script.parentNode) {
              script.parentNode.insertBefore(frame, script.nextSibling);
            } else {
              document.body.appendChild(frame);
            }
          }
          if (document.readyState === "loading" && !document.querySelector("[data-joules-rechner]:not([data-joules-rechner-ready])")) {
            document.addEventListener("DOMContentLoaded", place);
          } else {
            place();
          }
        })();
        """;

    private static string Js(string value) => JsonSerializer.Serialize(value);
}
