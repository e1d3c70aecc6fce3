namespace CityCoop.Infrastructure.Mail;

/// <summary>
/// The emails' wording: <c>MailStrings.resx</c> (English), <c>MailStrings.zh.resx</c>, <c>MailStrings.ja.resx</c> in this
/// folder, used by the templates in <c>Templates/</c> through their <c>t</c> filter. Placeholders are <c>{0}</c>…, in the
/// order the template passes them; <c>action.*</c>, <c>kind.*</c>, <c>country.*</c> and <c>zone.*</c> name codes.
/// </summary>
public sealed class MailStrings
{
    private MailStrings()
    {
    }
}
