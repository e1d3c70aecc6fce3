using System.Text.Json;
using CityCoop.Infrastructure.Timers;
using CityCoop.Workflows;

namespace CityCoop.Server.Tests.Timers;

/// <summary>Timer rows written while roles and scopes were enums hold them as numbers; they still mean what they meant.</summary>
public class StoredTimerJsonTests
{
    [Fact]
    public void Read_ADeclarationWrittenWithEnumNumbers_GivesTheRolesAndScopesThoseNumbersMeant()
    {
        // As ProposalWorkflow wrote it before: Web defaults, enums as numbers (reminder = 0, platform = 1, platform-jp = 3, city = 0, any-organization = 7).
        const string stored = """{"kind":0,"before":{"years":0,"months":0,"days":3,"hours":0,"minutes":0,"seconds":0},"after":null,"recipients":[{"role":1,"scope":3},{"role":0,"scope":7}],"every":null,"max":null,"template":null,"calendarDays":false,"action":null}""";

        var declaration = JsonSerializer.Deserialize<TimerDeclaration>(stored, StoredTimerJson.Options)!;

        Assert.Equal(TimerKind.Reminder, declaration.Kind);
        Assert.Equal(
            [(new WorkflowRole("platform"), new WorkflowScope("platform-jp")), (new WorkflowRole("city"), new WorkflowScope("any-organization"))],
            declaration.Recipients.Select(r => (r.Role, r.Scope)));
    }

    [Fact]
    public void WriteThenRead_KeepsTheNames()
    {
        var declaration = new TimerDeclaration(TimerKind.Escalation, null, new IsoDuration(0, 0, 2, 0, 0, 0), [new RecipientDeclaration(new WorkflowRole("ministry"), new WorkflowScope("ministry-cn"))]);

        var json = JsonSerializer.Serialize(declaration, StoredTimerJson.Options);

        Assert.Contains("\"role\":\"ministry\",\"scope\":\"ministry-cn\"", json, StringComparison.Ordinal);
        Assert.Equal(declaration.Recipients, JsonSerializer.Deserialize<TimerDeclaration>(json, StoredTimerJson.Options)!.Recipients);
    }

    [Theory]
    [InlineData("""{"kind":0,"recipients":[{"role":4,"scope":0}]}""")]
    [InlineData("""{"kind":0,"recipients":[{"role":0,"scope":true}]}""")]
    public void Read_ANumberNoEnumHad_IsRefused(string stored)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TimerDeclaration>(stored, StoredTimerJson.Options));
    }
}
