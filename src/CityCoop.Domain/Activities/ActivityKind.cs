namespace CityCoop.Domain.Activities;

/// <summary>The activity kinds of programme.md "Kinds of activity".</summary>
public enum ActivityKind
{
    /// <summary>On-site consultation (现场协商).</summary>
    OnSiteConsultation,

    /// <summary>Training visit to Japan (访日研修).</summary>
    TrainingVisit,

    /// <summary>Local seminar (当地研讨会).</summary>
    LocalSeminar,

    /// <summary>Joint research (共同研究).</summary>
    JointResearch,

    /// <summary>Model project (样板工程).</summary>
    ModelProject,
}
