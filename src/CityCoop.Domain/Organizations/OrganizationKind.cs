namespace CityCoop.Domain.Organizations;

/// <summary>What kind of body an organisation is (programme.md "Who takes part").</summary>
public enum OrganizationKind
{
    /// <summary>A Japanese or Chinese local government.</summary>
    City,

    /// <summary>A cooperation platform (协作平台) designated by a ministry.</summary>
    Platform,

    /// <summary>An environment ministry (MoE 环境省 or MEP 环境保护部).</summary>
    Ministry,
}
