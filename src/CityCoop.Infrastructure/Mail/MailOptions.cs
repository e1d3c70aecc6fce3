using System.Globalization;
using System.Net;
using MimeKit;

namespace CityCoop.Infrastructure.Mail;

/// <summary>How the connection to the SMTP server is secured; there is no "when available" mode, so TLS never silently falls back to plain text.</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP; refused with credentials unless the server is on the loopback interface.</summary>
    None,

    /// <summary>Connect in plain text and require the STARTTLS upgrade (usually port 587); fails if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte, "implicit TLS" (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>Configuration section <c>Mail</c>: the SMTP server, the sender and the public address used in links; with no <see cref="Host"/> messages are written as .eml files.</summary>
public sealed class MailOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Mail";

    /// <summary>SMTP server host name or address; empty means no mail server (messages go to .eml files in the data folder).</summary>
    public string? Host { get; set; }

    /// <summary>SMTP port; 0 means the usual port of <see cref="Security"/> (25, 587 or 465).</summary>
    public int Port { get; set; }

    /// <summary>How the connection is secured.</summary>
    public MailSecurity Security { get; set; } = MailSecurity.None;

    /// <summary>SMTP user name; empty means no authentication.</summary>
    public string? Username { get; set; }

    /// <summary>SMTP password; required when <see cref="Username"/> is set.</summary>
    public string? Password { get; set; }

    /// <summary>The sender's address (From header and envelope).</summary>
    public string FromAddress { get; set; } = "citycoop@localhost";

    /// <summary>The sender's display name, may be Chinese or Japanese (encoded per RFC 2047).</summary>
    public string FromName { get; set; } = "CityCoop";

    /// <summary>The public base address of the web app (absolute http or https), used to build links to proposals.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:5000/");

    /// <summary>How long one SMTP operation may take before it fails, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Whether an SMTP server is configured (otherwise the .eml file sender is used).</summary>
    public bool IsSmtpConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The port actually used: <see cref="Port"/>, or 25 / 587 / 465 for None / StartTls / SslOnConnect when it is 0.</summary>
    public int EffectivePort => Port != 0 ? Port : Security switch
    {
        MailSecurity.StartTls => 587,
        MailSecurity.SslOnConnect => 465,
        _ => 25,
    };

    /// <summary>The link to a proposal: <c>{PublicBaseUrl}/proposals/{id}</c>.</summary>
    public Uri ProposalUrl(Guid proposalId) =>
        new(new Uri(PublicBaseUrl.AbsoluteUri.TrimEnd('/') + "/"), string.Create(CultureInfo.InvariantCulture, $"proposals/{proposalId:D}"));

    /// <summary>The absolute link of an application-relative path (e.g. <c>/memorandums/{id}</c>) under <see cref="PublicBaseUrl"/>.</summary>
    public Uri UrlOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new(new Uri(PublicBaseUrl.AbsoluteUri.TrimEnd('/') + "/"), path.TrimStart('/'));
    }

    /// <summary>Every problem with this configuration as a sentence naming the <c>Mail:*</c> keys; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var hasCredentials = !string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password);

        if (!MailboxAddress.TryParse(FromAddress, out _) || !FromAddress.Contains('@', StringComparison.Ordinal))
        {
            errors.Add($"Mail:FromAddress \"{FromAddress}\" is not an email address.");
        }

        if (PublicBaseUrl is null || !PublicBaseUrl.IsAbsoluteUri || (PublicBaseUrl.Scheme != Uri.UriSchemeHttp && PublicBaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("Mail:PublicBaseUrl must be an absolute http or https address (it is used for links to proposals).");
        }

        if (TimeoutSeconds <= 0)
        {
            errors.Add("Mail:TimeoutSeconds must be positive.");
        }

        if (!IsSmtpConfigured)
        {
            if (Port != 0 || Security != MailSecurity.None || hasCredentials)
            {
                errors.Add("Mail:Host is empty but Mail:Port, Mail:Security or credentials are set; set Mail:Host to use an SMTP server, or remove the other settings to write .eml files.");
            }

            return errors;
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Mail:Port {Port} is not a TCP port (1–65535, or 0 for the default of Mail:Security)."));
        }

        if (Security == MailSecurity.StartTls && EffectivePort == 465)
        {
            errors.Add("Mail:Security=StartTls cannot be used on port 465, which expects TLS from the first byte (implicit TLS); use Mail:Security=SslOnConnect on port 465, or StartTls on port 587.");
        }

        if (Security == MailSecurity.SslOnConnect && EffectivePort is 587 or 25)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Mail:Security=SslOnConnect cannot be used on port {EffectivePort}, which starts in plain text and upgrades with STARTTLS; use Mail:Security=StartTls on port {EffectivePort}, or SslOnConnect on port 465."));
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            errors.Add("Mail:Username and Mail:Password must be set together.");
        }

        if (Security == MailSecurity.None && hasCredentials && !IsLoopback(Host!))
        {
            errors.Add($"Mail:Security=None with credentials would send the password to {Host} in plain text; use Mail:Security=StartTls or SslOnConnect.");
        }

        return errors;
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
