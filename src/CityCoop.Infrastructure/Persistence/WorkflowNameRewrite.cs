using Microsoft.EntityFrameworkCore.Migrations;

namespace CityCoop.Infrastructure.Persistence;

/// <summary>
/// Migration <c>WorkflowNamesAsDeclared</c> for both providers: task rows stored role and scope as C# enum names
/// (<c>City</c>, <c>PlatformJp</c>); they now hold the names definitions use and the module declares (<c>city</c>,
/// <c>platform-jp</c>). Timer rows keep their JSON, whose numbers <c>StoredTimerJson</c> still reads.
/// </summary>
internal static class WorkflowNameRewrite
{
    private static readonly (string Enum, string Name)[] Roles =
        [("City", "city"), ("Platform", "platform"), ("Ministry", "ministry"), ("Admin", "admin")];

    private static readonly (string Enum, string Name)[] Scopes =
    [
        ("ProposalCity", "proposal-city"), ("PartnerCity", "partner-city"), ("PlatformAny", "platform-any"), ("PlatformJp", "platform-jp"),
        ("PlatformCn", "platform-cn"), ("MinistryJp", "ministry-jp"), ("MinistryCn", "ministry-cn"), ("AnyOrganization", "any-organization"),
    ];

    /// <summary>Enum names to definition names.</summary>
    public static void Up(MigrationBuilder migration) => Rewrite(migration, toNames: true);

    /// <summary>Definition names back to enum names.</summary>
    public static void Down(MigrationBuilder migration) => Rewrite(migration, toNames: false);

    private static void Rewrite(MigrationBuilder migration, bool toNames)
    {
        ArgumentNullException.ThrowIfNull(migration);
        foreach (var (column, pairs) in new[] { ("Role", Roles), ("Scope", Scopes) })
        {
            foreach (var (enumName, name) in pairs)
            {
                var (from, to) = toNames ? (enumName, name) : (name, enumName);
                migration.Sql($"UPDATE \"workflow_tasks\" SET \"{column}\" = '{to}' WHERE \"{column}\" = '{from}';");
            }
        }
    }
}
