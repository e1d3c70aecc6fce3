namespace CityCoop.Domain.Proposals;

/// <summary>Whether a proposal starts, strengthens or continues cooperation (programme.md rule 3).</summary>
public enum CooperationKind
{
    /// <summary>New cooperation: fundable.</summary>
    New,

    /// <summary>Strengthening existing cooperation: fundable.</summary>
    Strengthened,

    /// <summary>Continuing existing cooperation: its costs stay with the cities, not fundable.</summary>
    Continuing,
}
