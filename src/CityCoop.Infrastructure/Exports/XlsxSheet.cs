namespace CityCoop.Infrastructure.Exports;

/// <summary>One sheet of an exported workbook: its name, the header row in the reader's language and the data rows.</summary>
/// <param name="Name">Sheet name; cut to Excel's 31 characters, with <c>: \ / ? * [ ]</c> replaced.</param>
/// <param name="Header">Column headings, distinct.</param>
/// <param name="Rows">Cells per row, as many as headings: text, whole numbers (<see cref="int"/>, <see cref="long"/>), amounts (<see cref="decimal"/>), dates (<see cref="DateOnly"/>) or null for an empty cell.</param>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Header, IReadOnlyList<object?[]> Rows);
