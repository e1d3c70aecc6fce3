using System.Text.Json;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Workflows;

/// <summary>Repository files the tests read: the schema and the real definition.</summary>
internal static class RepoFiles
{
    internal static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityCoop.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CityCoop.sln not found above " + AppContext.BaseDirectory);
    });

    public static string SchemaPath => Path.Combine(Root.Value, "workflows", "workflow-definition.schema.json");

    public static string ProposalPath => Path.Combine(Root.Value, "workflows", "cooperation-proposal.json");

    public static string ProposalJson => File.ReadAllText(ProposalPath);
}

/// <summary>A stand-in for the proposal: the state the stub guards and effects read and write.</summary>
internal sealed class TestSubject(string organizationCode = "city:shanghai") : IOrganizationSubject
{
    public string OrganizationCode { get; } = organizationCode;

    public List<string> Partners { get; } = [];

    public IReadOnlyList<string> PartnerOrganizationCodes => Partners;

    public int MatchedItems { get; set; }

    public int Consultations { get; set; }

    public decimal Requested { get; set; } = 1_000_000m;

    public bool IsNewCooperation { get; set; } = true;

    public decimal? Approved { get; set; }

    public decimal Spent { get; set; }

    public Dictionary<string, DateTimeOffset> Dates { get; } = new(StringComparer.Ordinal)
    {
        ["fiscal-year-end"] = new DateTimeOffset(2015, 3, 31, 14, 59, 59, TimeSpan.Zero),
    };

    public DateTimeOffset? GetDate(string source) => Dates.TryGetValue(source, out var date) ? date : null;

    /// <summary>Set by a test to change what was approved without any action (as a stale write would).</summary>
    public string Extra { get; set; } = string.Empty;

    /// <summary>What the real subject digests, here readable: partners, matched items, fundability, amount.</summary>
    public string ApprovalFingerprint() =>
        string.Join("|", string.Join(",", Partners), MatchedItems, IsNewCooperation, Requested, Extra);

    // As the proposal subject does: the countries of the organisations a scope names.
    public IReadOnlyList<string> PlacesOf(WorkflowScope scope) => scope.Name switch
    {
        "platform-any" or "any-organization" => ["CN", "JP"],
        "platform-jp" or "ministry-jp" => ["JP"],
        "platform-cn" or "ministry-cn" => ["CN"],
        _ => [OrganizationCode == "city:shanghai" ? "CN" : "JP"],
    };
}

internal static class Actors
{
    public static readonly WorkflowActor ShanghaiCity = new("u-sh", "Shanghai officer", new HashSet<WorkflowRole> { CityCoopRoles.City }, "city:shanghai", OrganizationKind.City, "CN");
    public static readonly WorkflowActor TianjinCity = new("u-tj", "Tianjin officer", new HashSet<WorkflowRole> { CityCoopRoles.City }, "city:tianjin", OrganizationKind.City, "CN");
    public static readonly WorkflowActor OsakaCity = new("u-os", "Osaka officer", new HashSet<WorkflowRole> { CityCoopRoles.City }, "city:osaka", OrganizationKind.City, "JP");
    public static readonly WorkflowActor PlatformJp = new("u-pjp", "JP reviewer", new HashSet<WorkflowRole> { CityCoopRoles.Platform }, OrganizationCodes.PlatformJp, OrganizationKind.Platform, "JP");
    public static readonly WorkflowActor PlatformJp2 = new("u-pjp2", "Second JP reviewer", new HashSet<WorkflowRole> { CityCoopRoles.Platform }, OrganizationCodes.PlatformJp, OrganizationKind.Platform, "JP");
    public static readonly WorkflowActor PlatformCn = new("u-pcn", "CN reviewer", new HashSet<WorkflowRole> { CityCoopRoles.Platform }, OrganizationCodes.PlatformCn, OrganizationKind.Platform, "CN");
    public static readonly WorkflowActor MinistryJp = new("u-moe", "MoE officer", new HashSet<WorkflowRole> { CityCoopRoles.Ministry }, OrganizationCodes.MinistryJp, OrganizationKind.Ministry, "JP");
    public static readonly WorkflowActor MinistryCn = new("u-mep", "MEP officer", new HashSet<WorkflowRole> { CityCoopRoles.Ministry }, OrganizationCodes.MinistryCn, OrganizationKind.Ministry, "CN");
    public static readonly WorkflowActor Admin = new("u-admin", "Administrator", new HashSet<WorkflowRole> { CityCoopRoles.Admin, CityCoopRoles.Platform, CityCoopRoles.Ministry, CityCoopRoles.City }, "admin", OrganizationKind.Admin, null);

    // The JP reviewer's own user id, now acting as a ministry officer: four-eyes must still recognise them.
    public static readonly WorkflowActor PlatformJpReviewerAsMinistry = PlatformJp with { Roles = new HashSet<WorkflowRole> { CityCoopRoles.Platform, CityCoopRoles.Ministry }, OrganizationCode = OrganizationCodes.MinistryJp, OrganizationKind = OrganizationKind.Ministry };
}

/// <summary>Stub guards and effects with the names the real definition uses; the real ones live in Proposals.</summary>
internal static class TestHooks
{
    public static WorkflowHooks Create()
    {
        static TestSubject S(WorkflowContext c) => (TestSubject)c.Subject;
        return CityCoopVocabulary.Declare()
            .FourEyesWhenBare("submit", "match")
            .AddDateSource("fiscal-year-end")
            .AddGuard("has-partner-city", c => S(c).Partners.Count > 0 ? null : "no partner city is set.")
            .AddGuard("has-matched-item", c => S(c).MatchedItems > 0 ? null : "no wished item is matched.")
            .AddGuard("amount-within-requested", c => c.GetAmount("amount") is > 0m and var a && a <= S(c).Requested ? null : "the amount must be > 0 and at most the requested amount.")
            .AddGuard("fundable-cooperation", c => S(c).IsNewCooperation ? null : "only new or strengthened cooperation is fundable.")
            .AddGuard("within-approved-amount", c =>
            {
                var cost = c.Inputs["activity"].GetProperty("cost").GetDecimal();
                return S(c).Spent + cost <= S(c).Approved ? null : "the cost exceeds the approved amount.";
            })
            .AddEffect("set-partner-cities", c =>
            {
                var codes = c.GetStrings("cityCodes");
                if (codes.Contains("atlantis"))
                {
                    return new WorkflowInputError("cityCodes", "unknown city 'atlantis'.");
                }

                S(c).Partners.Clear();
                S(c).Partners.AddRange(codes.Select(OrganizationCodes.City));
                c.Note(DomainText.Of("pairing-new", "new pairing"));
                return null;
            })
            .AddEffect("record-consultation", c =>
            {
                S(c).Consultations++;
                return null;
            })
            .AddEffect("record-matched-items", c =>
            {
                S(c).MatchedItems += c.Inputs["items"].GetArrayLength();
                return null;
            })
            .AddEffect("set-approved-amount", c =>
            {
                S(c).Approved = c.GetAmount("amount");
                return null;
            })
            .AddEffect("record-activity", c =>
            {
                S(c).Spent += c.Inputs["activity"].GetProperty("cost").GetDecimal();
                return null;
            })
            .AddGuard("kind-fits-pairing", _ => (string?)null)
            .AddEffect("set-cooperation-kind", c =>
            {
                S(c).IsNewCooperation = c.GetText("cooperationKind") is "new" or "strengthened";
                return null;
            })
            .AddGuard("activity-not-voided", _ => (string?)null)
            .AddEffect("void-activity", _ => null)
            .AddGuard("amendment-covers-spent", _ => (string?)null)
            .AddEffect("amend-approved-amount", c =>
            {
                S(c).Approved = c.GetAmount("amount");
                return null;
            });
    }

    public static WorkflowDefinitionLoader Loader() => WorkflowDefinitionLoader.FromSchemaFile(RepoFiles.SchemaPath, Create());

    public static WorkflowDefinition Proposal(int version = 1) => Loader().Load(RepoFiles.ProposalPath, version);
}

internal static class Inputs
{
    public static readonly IReadOnlyDictionary<string, JsonElement> None = new Dictionary<string, JsonElement>();

    /// <summary>Builds inputs from an anonymous object, e.g. <c>Of(new { comment = "why" })</c>.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Of(object values) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(values))!;
}
