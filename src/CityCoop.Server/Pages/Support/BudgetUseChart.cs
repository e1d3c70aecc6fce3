using System.Globalization;
using System.Xml.Linq;

namespace CityCoop.Server.Pages.Support;

/// <summary>
/// The FY report's budget-use chart as inline SVG (no script): one column per month April→March, a line of cumulative
/// committed and one of cumulative spent through the months begun, and the envelope as a dashed horizontal line. Built
/// with <see cref="XElement"/> so every label is XML-escaped; its <c>&lt;title&gt;</c> names it for screen readers.
/// </summary>
public static class BudgetUseChart
{
    private const int Left = 120, Right = 20, Top = 20, PlotHeight = 220, Bottom = 70, Width = 760;

    /// <summary>The labels of a chart in the reader's language.</summary>
    /// <param name="Title">The chart's accessible name (its <c>&lt;title&gt;</c>).</param>
    /// <param name="Committed">Name of the committed line, e.g. 累計承認額.</param>
    /// <param name="Spent">Name of the spent line.</param>
    /// <param name="Envelope">Name of the envelope line.</param>
    public sealed record Labels(string Title, string Committed, string Spent, string Envelope);

    /// <summary>One month: its label (e.g. 4月) and the cumulative amounts, null for a month not begun.</summary>
    /// <param name="Label">Month label.</param>
    /// <param name="Committed">Cumulative committed (yen), or null.</param>
    /// <param name="Spent">Cumulative spent (yen), or null.</param>
    public sealed record Month(string Label, decimal? Committed, decimal? Spent);

    /// <summary>
    /// The SVG markup. <paramref name="envelope"/> is null when no envelope is set (no line is drawn);
    /// <paramref name="money"/> formats an amount for labels and tooltips in the reader's culture.
    /// </summary>
    public static string Svg(IReadOnlyList<Month> months, decimal? envelope, Labels labels, Func<decimal, string> money)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(money);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var max = new[] { envelope ?? 0m, 1m }.Concat(months.Select(m => m.Committed ?? 0m)).Concat(months.Select(m => m.Spent ?? 0m)).Max();
        var step = (double)(Width - Left - Right) / Math.Max(1, months.Count);
        double X(int i) => Left + ((i + 0.5) * step);
        double Y(decimal amount) => Top + PlotHeight - ((double)(amount / max) * PlotHeight);
        static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new XElement(
            ns + "svg",
            new XAttribute("class", "chart funds-chart"),
            new XAttribute("viewBox", $"0 0 {Width} {Top + PlotHeight + Bottom}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", "funds-chart-svg-title"),
            new XAttribute("data-testid", "funds-chart"),
            new XElement(ns + "title", new XAttribute("id", "funds-chart-svg-title"), labels.Title));

        // Axis with 0 and the top of the scale.
        svg.Add(
            new XElement(ns + "line", new XAttribute("x1", Left), new XAttribute("y1", Top + PlotHeight), new XAttribute("x2", Width - Right), new XAttribute("y2", Top + PlotHeight), new XAttribute("class", "chart-axis")),
            new XElement(ns + "text", new XAttribute("x", Left - 6), new XAttribute("y", Top + PlotHeight + 4), new XAttribute("text-anchor", "end"), new XAttribute("class", "chart-label"), money(0m)),
            new XElement(ns + "text", new XAttribute("x", Left - 6), new XAttribute("y", Top + 4), new XAttribute("text-anchor", "end"), new XAttribute("class", "chart-label"), money(max)));
        for (var i = 0; i < months.Count; i++)
        {
            svg.Add(new XElement(ns + "text", new XAttribute("x", N(X(i))), new XAttribute("y", Top + PlotHeight + 18), new XAttribute("text-anchor", "middle"), new XAttribute("class", "chart-label chart-month"), months[i].Label));
        }

        if (envelope is { } e)
        {
            svg.Add(new XElement(
                ns + "line",
                new XAttribute("x1", Left),
                new XAttribute("y1", N(Y(e))),
                new XAttribute("x2", Width - Right),
                new XAttribute("y2", N(Y(e))),
                new XAttribute("class", "chart-envelope"),
                new XAttribute("data-testid", "chart-envelope"),
                new XElement(ns + "title", $"{labels.Envelope}: {money(e)}")));
        }

        AddSeries(svg, ns, months, m => m.Committed, labels.Committed, "committed", X, Y, money);
        AddSeries(svg, ns, months, m => m.Spent, labels.Spent, "spent", X, Y, money);

        // Legend under the month labels.
        var legendY = Top + PlotHeight + 44;
        var legend = new[] { ("committed", labels.Committed), ("spent", labels.Spent) }.Concat(envelope is null ? [] : new[] { ("envelope", labels.Envelope) }).ToList();
        for (var i = 0; i < legend.Count; i++)
        {
            var x = Left + (i * 200);
            svg.Add(
                new XElement(ns + "rect", new XAttribute("x", x), new XAttribute("y", legendY - 10), new XAttribute("width", 14), new XAttribute("height", 4), new XAttribute("class", $"chart-key-{legend[i].Item1}")),
                new XElement(ns + "text", new XAttribute("x", x + 20), new XAttribute("y", legendY - 4), new XAttribute("class", "chart-label"), legend[i].Item2));
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    private static void AddSeries(XElement svg, XNamespace ns, IReadOnlyList<Month> months, Func<Month, decimal?> value, string name, string kind, Func<int, double> x, Func<decimal, double> y, Func<decimal, string> money)
    {
        static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var points = months.Select((m, i) => (Month: m, Index: i, Value: value(m))).Where(p => p.Value is not null).ToList();
        if (points.Count == 0)
        {
            return;
        }

        svg.Add(new XElement(
            ns + "polyline",
            new XAttribute("points", string.Join(' ', points.Select(p => $"{N(x(p.Index))},{N(y(p.Value!.Value))}"))),
            new XAttribute("class", $"chart-line-{kind}"),
            new XAttribute("fill", "none")));
        foreach (var p in points)
        {
            svg.Add(new XElement(
                ns + "circle",
                new XAttribute("cx", N(x(p.Index))),
                new XAttribute("cy", N(y(p.Value!.Value))),
                new XAttribute("r", 4),
                new XAttribute("class", $"chart-point-{kind}"),
                new XElement(ns + "title", $"{p.Month.Label} {name}: {money(p.Value.Value)}")));
        }
    }
}
