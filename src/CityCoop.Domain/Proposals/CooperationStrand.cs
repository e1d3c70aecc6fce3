namespace CityCoop.Domain.Proposals;

/// <summary>The two strands of cooperation (programme.md rule 4).</summary>
public enum CooperationStrand
{
    /// <summary>Exchange centred on government staff and their institutes (4a).</summary>
    GovernmentStaff,

    /// <summary>Exchange between enterprises located in the cities (4b).</summary>
    Enterprise,
}
