namespace CityCoop.Domain.Proposals;

/// <summary>Which level of government leads the cooperation (programme.md rule 6).</summary>
public enum GovernmentLevel
{
    /// <summary>Led by local governments (from FY2014).</summary>
    Local,

    /// <summary>Led by central governments (from FY2015).</summary>
    Central,
}
