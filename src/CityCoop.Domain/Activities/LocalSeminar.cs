using CityCoop.Workflows;

namespace CityCoop.Domain.Activities;

/// <summary>A local seminar (当地研讨会) held in the Chinese city with Japanese speakers.</summary>
public sealed class LocalSeminar : Activity
{
    private LocalSeminar()
    {
        ChineseCityCode = Topic = string.Empty;
    }

    /// <summary>Creates a seminar.</summary>
    /// <exception cref="DomainRuleException">No topic, a topic over <see cref="TextLimits.ActivityText"/> characters, a negative participant count, or end before start.</exception>
    public LocalSeminar(DateOnly startDate, DateOnly endDate, string chineseCityCode, IReadOnlyList<string> japaneseCityCodes, string topic, int participants)
        : base(startDate, endDate, null)
    {
        ArgumentNullException.ThrowIfNull(japaneseCityCodes);
        if (string.IsNullOrWhiteSpace(topic))
        {
            throw new DomainRuleException("topic", DomainText.Of("input-required", "A seminar needs a topic.", ("field", "topic")));
        }

        TextLimits.Check("topic", topic, TextLimits.ActivityText);
        TextLimits.AtLeast("participants", participants, 0);

        ChineseCityCode = chineseCityCode;
        JapaneseCityCodes = [.. japaneseCityCodes];
        Topic = topic;
        Participants = participants;
    }

    /// <inheritdoc/>
    public override ActivityKind Kind => ActivityKind.LocalSeminar;

    /// <summary>The Chinese host city.</summary>
    public string ChineseCityCode { get; private set; }

    /// <summary>Japanese cities sending speakers.</summary>
    public List<string> JapaneseCityCodes { get; private set; } = [];

    /// <summary>Topic of the seminar.</summary>
    public string Topic { get; private set; }

    /// <summary>Number of participants.</summary>
    public int Participants { get; private set; }
}
