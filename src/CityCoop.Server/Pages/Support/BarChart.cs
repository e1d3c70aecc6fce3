using System.Globalization;
using System.Xml.Linq;

namespace CityCoop.Server.Pages.Support;

/// <summary>A horizontal bar chart as inline SVG, built with <see cref="XElement"/> so every label is XML-escaped.</summary>
public static class BarChart
{
    /// <summary>The SVG markup for labelled counts; <paramref name="titleId"/> is the id of the element naming the chart.</summary>
    public static string Svg(IReadOnlyList<(string Label, int Count)> bars, string titleId)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int barHeight = 28, gap = 8, labelWidth = 150, chartWidth = 540;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Count));
        var height = (Math.Max(1, bars.Count) * (barHeight + gap)) + 10;
        XNamespace ns = "http://www.w3.org/2000/svg";
        static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var svg = new XElement(
            ns + "svg",
            new XAttribute("class", "chart"),
            new XAttribute("viewBox", $"0 0 {labelWidth + chartWidth + 60} {height}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", titleId),
            new XAttribute("data-testid", "chart"));
        for (var i = 0; i < bars.Count; i++)
        {
            var y = 5 + (i * (barHeight + gap));
            var w = Math.Max(1, (int)Math.Round((double)bars[i].Count / max * chartWidth));
            svg.Add(
                new XElement(ns + "text", new XAttribute("x", labelWidth - 8), new XAttribute("y", N(y + (barHeight * 0.7))), new XAttribute("text-anchor", "end"), new XAttribute("class", "chart-label"), bars[i].Label),
                new XElement(ns + "rect", new XAttribute("x", labelWidth), new XAttribute("y", y), new XAttribute("width", w), new XAttribute("height", barHeight), new XAttribute("class", "chart-bar"),
                    new XElement(ns + "title", $"{bars[i].Label}: {bars[i].Count}")),
                new XElement(ns + "text", new XAttribute("x", labelWidth + w + 6), new XAttribute("y", N(y + (barHeight * 0.7))), new XAttribute("class", "chart-value"), bars[i].Count));
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }
}
