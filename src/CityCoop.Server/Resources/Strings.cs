namespace CityCoop.Server.Resources;

/// <summary>
/// The pages' texts: <c>Strings.resx</c> (English, the neutral resources), <c>Strings.zh.resx</c> and <c>Strings.ja.resx</c>
/// in this folder, read through <c>IStringLocalizer&lt;Strings&gt;</c> (see <see cref="UiText"/>). Keys are dotted
/// (<c>nav.tasks</c>); <c>msg.&lt;code&gt;</c> keys word the domain's coded sentences (<see cref="EngineText"/>).
/// Placeholders are <c>{0}</c>… for page labels and named <c>{field}</c> for coded sentences.
/// </summary>
public sealed class Strings
{
    private Strings()
    {
    }
}
