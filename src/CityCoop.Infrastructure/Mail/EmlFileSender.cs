using System.Globalization;
using MimeKit;

namespace CityCoop.Infrastructure.Mail;

/// <summary>One message written by <see cref="EmlFileSender"/>.</summary>
/// <param name="FileName">The file name inside the mail folder.</param>
/// <param name="WrittenAt">When the file was written, UTC.</param>
/// <param name="Subject">The decoded subject.</param>
/// <param name="From">The decoded From header.</param>
/// <param name="To">The decoded To header.</param>
/// <param name="SizeBytes">The file size in bytes.</param>
public sealed record EmlFileEntry(string FileName, DateTimeOffset WrittenAt, string Subject, string From, string To, long SizeBytes);

/// <summary>The embedded default when no SMTP server is configured: writes each message as an .eml file into <c>&lt;data dir&gt;/mail/</c> so a user can see what would have been sent.</summary>
public sealed class EmlFileSender : IMailSender
{
    private readonly TimeProvider _time;

    /// <summary>Creates the sender writing into a folder (created when missing).</summary>
    public EmlFileSender(string mailDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailDirectory);
        MailDirectory = Path.GetFullPath(mailDirectory);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The folder the .eml files are written to.</summary>
    public string MailDirectory { get; }

    /// <summary>The sender for a data folder: files go to <c>&lt;dataDirectory&gt;/mail/</c>.</summary>
    public static EmlFileSender ForDataDirectory(string dataDirectory, TimeProvider? timeProvider = null) =>
        new(Path.Combine(dataDirectory, "mail"), timeProvider);

    /// <summary>Writes the message to a new file named after the current UTC time and its Message-Id; the file appears complete or not at all.</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(MailDirectory);
        if (string.IsNullOrEmpty(message.MessageId))
        {
            message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        }

        // What an SMTP client does before sending: 7-bit transfer encodings, so any mail reader or parser opens the file
        // with its Chinese and Japanese text intact.
        message.Prepare(EncodingConstraint.SevenBit);
        var id = new string([.. message.MessageId.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        var stamp = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var target = Path.Combine(MailDirectory, $"{stamp}-{id}.eml");
        var temporary = target + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await message.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>The written messages, newest first, with their decoded subject and addresses.</summary>
    public IReadOnlyList<EmlFileEntry> List()
    {
        if (!Directory.Exists(MailDirectory))
        {
            return [];
        }

        var entries = new List<EmlFileEntry>();
        foreach (var file in new DirectoryInfo(MailDirectory).EnumerateFiles("*.eml"))
        {
            using var stream = file.OpenRead();
            using var message = MimeMessage.Load(stream);
            entries.Add(new EmlFileEntry(
                file.Name,
                new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero),
                message.Subject ?? string.Empty,
                message.From.ToString(FormatOptions.Default, encode: false),
                message.To.ToString(FormatOptions.Default, encode: false),
                file.Length));
        }

        return [.. entries.OrderByDescending(e => e.FileName, StringComparer.Ordinal)];
    }

    /// <summary>Opens one written message for reading.</summary>
    /// <exception cref="ArgumentException">The name is not a plain .eml file name (no folders, at most 255 bytes).</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public Stream OpenRead(string fileName)
    {
        // A name longer than a file name may be (255 bytes) is none of ours; the file system would throw PathTooLong (a 500).
        if (string.IsNullOrEmpty(fileName) || Path.GetFileName(fileName) != fileName || !fileName.EndsWith(".eml", StringComparison.OrdinalIgnoreCase)
            || System.Text.Encoding.UTF8.GetByteCount(fileName) > 255)
        {
            throw new ArgumentException($"\"{fileName}\" is not the name of an .eml file in the mail folder.", nameof(fileName));
        }

        return File.OpenRead(Path.Combine(MailDirectory, fileName));
    }
}
