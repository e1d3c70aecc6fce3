namespace CityCoop.Domain.Activities;

/// <summary>The level at which an on-site consultation was held (programme.md "Kinds of activity").</summary>
public enum ConsultationLevel
{
    /// <summary>The source does not say.</summary>
    Unspecified,

    /// <summary>Bureau-chief level (局长级).</summary>
    BureauChief,

    /// <summary>Division-chief level (处室长级).</summary>
    DivisionChief,
}
