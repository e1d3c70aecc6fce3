using System.Text.RegularExpressions;
using CityCoop.Domain;
using CityCoop.Infrastructure.Texts;
using CityCoop.Server.Resources;

namespace CityCoop.Server.Tests.Localization;

/// <summary>
/// Every text resource exists in zh, ja and en, and every coded sentence the code can produce (<c>DomainText.Of</c> in
/// <c>src</c>, the workflow hooks included) has its <c>msg.&lt;code&gt;</c> wording in all three, so no reader ever gets
/// a bracketed key or an English fallback.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    /// <summary>Every catalog of resources the product reads.</summary>
    public static TheoryData<string> Catalogs => [.. AllCatalogs.Keys];

    private static readonly Dictionary<string, TextCatalog> AllCatalogs = new(StringComparer.Ordinal)
    {
        ["pages"] = UiText.Catalog,
        ["mail"] = new(typeof(CityCoop.Infrastructure.Mail.MailStrings)),
        ["reports"] = CityCoop.Infrastructure.Reports.ReportText.Catalog,
        ["identity"] = CityCoop.Infrastructure.Identity.LocalizedIdentityErrors.Catalog,
    };

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void EveryKey_IsInEveryLanguage_AndNoLanguageHasAKeyEnglishLacks(string catalog)
    {
        var texts = AllCatalogs[catalog];
        Assert.NotEmpty(texts.Keys);
        foreach (var language in new[] { Languages.Chinese, Languages.Japanese })
        {
            var own = texts.KeysIn(language);
            Assert.Empty(texts.Keys.Except(own).Select(k => $"{language}: {k} missing"));
            Assert.Empty(own.Except(texts.Keys).Select(k => $"{language}: {k} not in English"));
        }

        foreach (var language in Languages.Codes)
        {
            Assert.Empty(texts.Keys.Where(k => string.IsNullOrEmpty(texts.Find(k, language))).Select(k => $"{language}: {k} empty"));
        }
    }

    [Fact]
    public void EveryDomainMessageCode_HasItsWordingInZhJaAndEn()
    {
        var codes = DomainMessageCodes();

        // The scan finds the codes it should: a broken pattern must not pass by finding none.
        Assert.True(codes.Count > 60, $"only {codes.Count} codes found");
        Assert.Contains("amount-over-request", codes);
        Assert.Contains("text-control-character", codes);
        Assert.Contains("expected-text", codes);
        var missing = Languages.Codes.SelectMany(language =>
        {
            var own = language == Languages.English ? UiText.Catalog.Keys : UiText.Catalog.KeysIn(language);
            return codes.Where(c => !own.Contains("msg." + c)).Select(c => $"{language}: msg.{c}");
        });
        Assert.Empty(missing);
    }

    [Fact]
    public void MissingKey_ShowsItselfAndIsNotFound()
    {
        Assert.Null(UiText.Find("no.such.key", Languages.Japanese));
        Assert.Equal("[no.such.key]", UiText.Catalog.Format("no.such.key", Languages.Chinese));
        Assert.Equal("マイタスク", UiText.Find("nav.tasks", "ja-JP"));
        Assert.Equal("我的待办", UiText.Find("nav.tasks", Languages.Chinese));
        Assert.Equal("My tasks", UiText.Find("nav.tasks", Languages.English));
    }

    // DomainText.Of("code", …), DomainText.Of(Constant, …) with the constant in the same file, and helpers taking
    // "string code" that pass it on (Shape("expected-text", …), Refusal("text-control-character", …)).
    private static HashSet<string> DomainMessageCodes()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith("DomainText.cs", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        // Helpers may be declared in one project and called in another (WorkflowInputShapes.Refuse in the engine, called
        // by the vocabulary), so they are collected from every file first.
        var callees = new List<string> { @"DomainText\.Of" };
        callees.AddRange(sources
            .Where(source => source.Contains("DomainText.Of(code", StringComparison.Ordinal))
            .SelectMany(source => CodeHelper().Matches(source).Select(m => m.Groups[1].Value))
            .Distinct());
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var constants = Constant().Matches(source).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            foreach (var callee in callees)
            {
                foreach (Match call in Regex.Matches(source, @"\b" + callee + @"\(\s*(?:""([a-z0-9-]+)""|([A-Z]\w*)\s*,)"))
                {
                    if (call.Groups[1].Success)
                    {
                        codes.Add(call.Groups[1].Value);
                    }
                    else if (constants.TryGetValue(call.Groups[2].Value, out var value))
                    {
                        codes.Add(value);
                    }
                }
            }
        }

        return codes;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CityCoop.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Could not find CityCoop.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"const string (\w+) = ""([a-z0-9-]+)"";")]
    private static partial Regex Constant();

    [GeneratedRegex(@"\b(\w+)\(string code\b")]
    private static partial Regex CodeHelper();
}
