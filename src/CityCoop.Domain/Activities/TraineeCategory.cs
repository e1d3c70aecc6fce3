namespace CityCoop.Domain.Activities;

/// <summary>Category of trainees on a training visit to Japan (programme.md "Kinds of activity").</summary>
public enum TraineeCategory
{
    /// <summary>Operational staff (业务人员).</summary>
    OperationalStaff,

    /// <summary>Administrative officials (行政干部).</summary>
    AdministrativeOfficials,

    /// <summary>Technical staff (技术人员).</summary>
    TechnicalStaff,

    /// <summary>Administrative and operational staff (行政业务人员).</summary>
    AdministrativeAndOperationalStaff,
}
