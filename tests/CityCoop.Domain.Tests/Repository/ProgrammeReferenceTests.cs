using System.Text.RegularExpressions;
using CityCoop.Domain.Tests.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Repository;

/// <summary>
/// The product stands on its own: what the code cites about the programme is in <c>workflows/programme.md</c>, every
/// cited section and rule exists there, and no user-facing English message names a file.
/// </summary>
public sealed partial class ProgrammeReferenceTests
{
    private static readonly string[] Folders = ["src", "workflows"];

    private static readonly string Programme = File.ReadAllText(Path.Combine(RepoFiles.Root.Value, "workflows", "programme.md"));

    [Fact]
    public void NoSourceFile_CitesADocumentOutsideTheRepository()
    {
        var offenders = SourceFiles().Where(f => File.ReadAllText(f).Contains("DOMAIN.md", StringComparison.Ordinal)).ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void EveryCitedSectionAndRule_ExistsInProgrammeMd()
    {
        var headings = HeadingPattern().Matches(Programme).Select(m => m.Groups[1].Value.Trim()).ToHashSet();
        var rules = RulePattern().Matches(Programme[Programme.IndexOf("## The rules of the framework", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value).ToHashSet();
        var missing = new List<string>();
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            missing.AddRange(SectionCitation().Matches(text).Select(m => m.Groups[1].Value).Where(s => !headings.Contains(s)).Select(s => $"{file}: section \"{s}\""));
            missing.AddRange(RuleCitation().Matches(text).SelectMany(m => m.Groups[1].Value.Split(" and ")).Select(r => r.Trim()[..1]).Where(r => !rules.Contains(r)).Select(r => $"{file}: rule {r}"));
        }

        Assert.Empty(missing);
        Assert.Contains("Fiscal year and time", headings);
        Assert.Contains("5", rules);
    }

    [Fact]
    public void NoDomainMessage_NamesAFile()
    {
        var offenders = SourceFiles()
            .SelectMany(f => DomainMessage().Matches(File.ReadAllText(f)).Select(m => (File: f, Text: m.Groups[1].Value)))
            .Where(m => m.Text.Contains(".md", StringComparison.OrdinalIgnoreCase))
            .Select(m => $"{m.File}: {m.Text}")
            .ToList();

        Assert.Empty(offenders);
    }

    private static IEnumerable<string> SourceFiles() =>
        Folders
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepoFiles.Root.Value, d), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"^##+ (.+)$", RegexOptions.Multiline)]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^(\d)\. ", RegexOptions.Multiline)]
    private static partial Regex RulePattern();

    [GeneratedRegex(@"programme\.md ""([^""]+)""")]
    private static partial Regex SectionCitation();

    [GeneratedRegex(@"programme\.md rules? (\d(?: and \d)*)")]
    private static partial Regex RuleCitation();

    // The English text of DomainText.Of("code", "text" or $"text"...).
    [GeneratedRegex(@"DomainText\.Of\(\s*""[^""]+"",\s*\$?""((?:[^""\\]|\\.)*)""")]
    private static partial Regex DomainMessage();
}
