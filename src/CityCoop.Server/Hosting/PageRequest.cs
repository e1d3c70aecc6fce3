using CityCoop.Domain;

namespace CityCoop.Server.Hosting;

/// <summary>
/// A page asked for in a query string, as the proposal list and the inbox read it: <c>page</c> from 1 (less reads as 1),
/// <c>pageSize</c> <see cref="DefaultSize"/> unless given, read as 1 to <see cref="MaxSize"/>. Numbers are read as
/// <see cref="NumberText"/> reads every typed number (２ is 2).
/// </summary>
/// <param name="Page">The page asked for, from 1 (it may lie past the last page: see <see cref="PagesOf"/>).</param>
/// <param name="Size">Rows per page, 1 to <see cref="MaxSize"/>.</param>
public readonly record struct PageRequest(int Page, int Size)
{
    /// <summary>Rows per page when the request names no <c>pageSize</c>.</summary>
    public const int DefaultSize = 50;

    /// <summary>The most rows one page holds; a larger <c>pageSize</c> is read as this.</summary>
    public const int MaxSize = 200;

    /// <summary>Reads <c>page</c> and <c>pageSize</c> from their query-string text (null: not given).</summary>
    /// <exception cref="CityCoop.Workflows.DomainRuleException">Either is not a whole number (the error names the field).</exception>
    public static PageRequest Parse(string? page, string? pageSize) => new(
        Math.Max(NumberText.ParseInteger(page, "page") ?? 1, 1),
        Math.Clamp(NumberText.ParseInteger(pageSize, "pageSize") ?? DefaultSize, 1, MaxSize));

    /// <summary>How many pages of <paramref name="size"/> rows <paramref name="total"/> rows fill; at least 1, so an empty list has an empty first page.</summary>
    public static int PagesOf(int total, int size) => Math.Max(1, (total + size - 1) / size);
}
