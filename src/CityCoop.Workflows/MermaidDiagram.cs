using System.Globalization;
using System.Text;

namespace CityCoop.Workflows;

/// <summary>Renders a definition as Mermaid <c>stateDiagram-v2</c> text.</summary>
public static class MermaidDiagram
{
    // Marks arrows nobody clicks (system actions taken by a deadline), in the diagram's language.
    private static readonly Dictionary<string, string> AutomaticLabels = new(StringComparer.Ordinal)
    {
        ["en"] = "(automatic)",
        ["ja"] = "（自動）",
        ["zh"] = "（自动）",
    };

    /// <summary>CSS class given to the current state.</summary>
    public const string CurrentClass = "current";

    /// <summary>Renders the definition's states and transitions; final states lead to <c>[*]</c>, actions that stay are left out, system actions are labelled <c>(automatic)</c>, and the current state (if given) is styled.</summary>
    /// <param name="definition">The definition version to draw.</param>
    /// <param name="currentState">State to mark, or null for the plain definition.</param>
    /// <param name="language">Language tag of display names to use as state and arrow labels (en, ja, zh), or null for state and action names.</param>
    /// <exception cref="ArgumentException"><paramref name="currentState"/> is not a state of the definition.</exception>
    public static string Render(WorkflowDefinition definition, string? currentState, string? language = null)
    {
        if (currentState is not null && definition.FindState(currentState) is null)
        {
            throw new ArgumentException($"'{currentState}' is not a state of {definition.Id} v{definition.Version}.", nameof(currentState));
        }

        var aliases = Aliases(definition);
        var text = new StringBuilder("stateDiagram-v2\n");
        foreach (var state in definition.States)
        {
            var label = language is not null && state.DisplayNames.TryGetValue(language, out var display) ? display : state.Name;
            text.Append(CultureInfo.InvariantCulture, $"    state \"{label.Replace("\"", "#quot;", StringComparison.Ordinal)}\" as {aliases[state.Name]}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"    [*] --> {aliases[definition.InitialState]}\n");
        foreach (var state in definition.States)
        {
            foreach (var (_, action) in state.Actions)
            {
                if (action.Target is { } target)
                {
                    // A system action is still a way out of the state; readers should see that nobody clicks it.
                    var arrow = language is null ? action.Name : action.DisplayName(language);
                    var label = action.IsSystem ? $"{arrow} {WorkflowNames.Display(AutomaticLabels, language, "(automatic)")}" : arrow;
                    text.Append(CultureInfo.InvariantCulture, $"    {aliases[state.Name]} --> {aliases[target]} : {label.Replace(":", "#58;", StringComparison.Ordinal)}\n");
                }
            }

            if (state.IsFinal)
            {
                text.Append(CultureInfo.InvariantCulture, $"    {aliases[state.Name]} --> [*]\n");
            }
        }

        if (currentState is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"    classDef {CurrentClass} fill:#fde68a,stroke:#b45309,stroke-width:3px,font-weight:bold\n");
            text.Append(CultureInfo.InvariantCulture, $"    class {aliases[currentState]} {CurrentClass}\n");
        }

        return text.ToString();
    }

    // Mermaid ids allow letters, digits and underscores only; names that collide after cleaning get a numeric suffix.
    private static Dictionary<string, string> Aliases(WorkflowDefinition definition)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in definition.States)
        {
            var clean = new string(state.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
            var alias = "s_" + clean;
            for (var n = 2; !used.Add(alias); n++)
            {
                alias = $"s_{clean}_{n}";
            }

            aliases.TryAdd(state.Name, alias);
        }

        return aliases;
    }
}
