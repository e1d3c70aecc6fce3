using CityCoop.Workflows;

namespace CityCoop.Domain.Activities;

/// <summary>Joint research (共同研究) between institutes of the paired cities.</summary>
public sealed class JointResearch : Activity
{
    private JointResearch()
    {
        Topic = Institutions = string.Empty;
    }

    /// <summary>Creates a joint research activity.</summary>
    /// <exception cref="DomainRuleException">No topic, topic or institutions over <see cref="TextLimits.ActivityText"/> characters, or end before start.</exception>
    public JointResearch(DateOnly startDate, DateOnly endDate, string topic, string institutions)
        : base(startDate, endDate, null)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            throw new DomainRuleException("topic", DomainText.Of("input-required", "Joint research needs a topic.", ("field", "topic")));
        }

        TextLimits.Check("topic", topic, TextLimits.ActivityText);
        TextLimits.Check("institutions", institutions, TextLimits.ActivityText);

        Topic = topic;
        Institutions = institutions ?? string.Empty;
    }

    /// <inheritdoc/>
    public override ActivityKind Kind => ActivityKind.JointResearch;

    /// <summary>Research topic.</summary>
    public string Topic { get; private set; }

    /// <summary>Research institutes taking part, free text.</summary>
    public string Institutions { get; private set; }
}
