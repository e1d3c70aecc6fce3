using System.Text.RegularExpressions;
using CityCoop.Domain.Tests.Workflows;

namespace CityCoop.Domain.Tests.Memorandums;

/// <summary>Every code the memorandum code raises has its zh/ja/en row in <c>MemorandumTexts.md</c>, or is named there as reused.</summary>
public sealed partial class MemorandumTextsTests
{
    private static readonly string Folder = Path.Combine(RepoFiles.Root.Value, "src", "CityCoop.Domain", "Memorandums");

    [Fact]
    public void EveryRaisedCode_HasARowInThreeLanguagesOrIsListedAsReused()
    {
        var table = File.ReadAllText(Path.Combine(Folder, "MemorandumTexts.md"));
        var rows = RowPattern().Matches(table).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Split('|').Select(c => c.Trim()).ToList());
        var reused = table[table.IndexOf("## Codes reused", StringComparison.Ordinal)..];
        var codes = Directory.EnumerateFiles(Folder, "*.cs")
            .SelectMany(f => CodePattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        var missing = codes.Where(c => !rows.ContainsKey("msg." + c) && !reused.Contains($"`{c}`", StringComparison.Ordinal)).ToList();
        var incomplete = rows.Where(r => r.Value.Count != 3 || r.Value.Any(string.IsNullOrWhiteSpace)).Select(r => r.Key).ToList();

        Assert.Contains("memorandum-visit-outside-fiscal-year", codes);
        Assert.Empty(missing);
        Assert.Empty(incomplete);
    }

    [GeneratedRegex(@"^\| ((?:msg|nav|memorandum|mail)\.[^ |]+) \| (.+) \|$", RegexOptions.Multiline)]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"DomainText\.Of\(\s*""([a-z0-9-]+)""")]
    private static partial Regex CodePattern();
}
