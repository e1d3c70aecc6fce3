using CityCoop.Domain.Workflows;
namespace CityCoop.Domain.Tests.Workflows;
public class ZzProbe
{
    [Fact]
    public void Print()
    {
        var json = RepoFiles.ProposalJson.Replace("\"role\": \"ministry\"", "\"role\": \"mayor\"", StringComparison.Ordinal).Replace("\"P14D\"", "\"14 days\"", StringComparison.Ordinal).Replace("\"four-eyes\"", "\"four-eye\"", StringComparison.Ordinal).Replace("\"kind\": \"deadline\"", "\"kind\": \"deadline\", \"before\": \"P1D\"", StringComparison.Ordinal).Replace("\"final\": true,", "\"final\": true, \"colour\": 1,", StringComparison.Ordinal);
        try { TestHooks.Loader().Parse(json, "cooperation-proposal.json"); }
        catch (WorkflowDefinitionException e) { File.WriteAllText("/tmp/wfprobe/msg.txt", e.Message); }
    }
}
