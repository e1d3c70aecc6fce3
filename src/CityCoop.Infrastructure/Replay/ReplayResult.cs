namespace CityCoop.Infrastructure.Replay;

/// <summary>One replayed cooperation: its proposal, the state it ended in, and how many steps were replayed.</summary>
public sealed record ReplayedProposal(Guid ProposalId, string ChineseCityCode, IReadOnlyList<string> JapaneseCityCodes, string FinalState, int Consultations, int TrainingVisits);

/// <summary>The outcome of a replay: the proposals, or the problems that stopped it (nothing written then).</summary>
public sealed record ReplayResult(IReadOnlyList<ReplayedProposal> Proposals, IReadOnlyList<string> Problems)
{
    /// <summary>True when the replay ran.</summary>
    public bool Succeeded => Problems.Count == 0;
}
