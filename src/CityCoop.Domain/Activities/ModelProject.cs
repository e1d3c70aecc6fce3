using CityCoop.Workflows;

namespace CityCoop.Domain.Activities;

/// <summary>A model project (样板工程): a demonstration of Japanese technology at a Chinese site.</summary>
public sealed class ModelProject : Activity
{
    private ModelProject()
    {
        Title = Site = Enterprises = string.Empty;
    }

    /// <summary>Creates a model project.</summary>
    /// <exception cref="DomainRuleException">No title, title, site or enterprises over <see cref="TextLimits.ActivityText"/> characters or with characters <see cref="TextRules"/> refuses (the title is a <see cref="TextKind.Title"/>), or end before start.</exception>
    public ModelProject(DateOnly startDate, DateOnly endDate, string title, string site, string enterprises)
        : base(startDate, endDate, null)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new DomainRuleException("title", DomainText.Of("input-required", "A model project needs a title.", ("field", "projectTitle")));
        }

        if ((TextLimits.TooLong("projectTitle", title, TextLimits.ActivityText) ?? TextRules.WhyNot("projectTitle", title, TextKind.Title)) is { } refused)
        {
            throw new DomainRuleException("title", refused);
        }

        TextLimits.Check("site", site, TextLimits.ActivityText);
        TextLimits.Check("enterprises", enterprises, TextLimits.ActivityText);

        Title = title;
        Site = site ?? string.Empty;
        Enterprises = enterprises ?? string.Empty;
    }

    /// <inheritdoc/>
    public override ActivityKind Kind => ActivityKind.ModelProject;

    /// <summary>What is demonstrated.</summary>
    public string Title { get; private set; }

    /// <summary>Where (plant, district).</summary>
    public string Site { get; private set; }

    /// <summary>Enterprises taking part (programme.md rule 4b).</summary>
    public string Enterprises { get; private set; }
}
