using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Workflows;

namespace CityCoop.Server.Pages.Support;

/// <summary>An attachment's description, stored beside its bytes.</summary>
public sealed record AttachmentInfo(Guid Id, string FileName, string ContentType, long Length, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>Why an uploaded file was refused, with its display name (<see cref="AttachmentStore.DisplayName"/>).</summary>
public sealed record AttachmentRefusal(string FileName, AttachmentProblem Problem);

/// <summary>
/// Attachments of proposals in the data folder (<c>DataDir/attachments/&lt;proposal&gt;/&lt;id&gt;</c> plus <c>&lt;id&gt;.json</c>):
/// PDF, Office documents and images up to 20 MB each, checked by extension and by the file's first bytes, under a display
/// name without path or control characters.
/// </summary>
public sealed class AttachmentStore(DatabaseOptions options)
{
    /// <summary>Largest accepted file: 20 MB.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>Largest form post that carries files (the server's absolute limit for the draft form): 200 MB.</summary>
    public const long MaxRequestBytes = 200L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".odp"] = "application/vnd.oasis.opendocument.presentation",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
    };

    private string Root => Path.Combine(options.DataDirectory, "attachments");

    /// <summary>
    /// The name a file is listed and downloaded under: what follows the last <c>/</c> or <c>\</c> of the name the browser
    /// sent (some send the whole path, <c>C:\Users\…\plan.pdf</c>), trimmed.
    /// </summary>
    public static string DisplayName(string? fileName) =>
        fileName is null ? string.Empty : fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..].Trim();

    /// <summary>Checks every file before anything is saved; the refusals (empty when all are acceptable).</summary>
    public static async Task<IReadOnlyList<AttachmentRefusal>> CheckAsync(IEnumerable<IFormFile> files)
    {
        var refusals = new List<AttachmentRefusal>();
        foreach (var file in files)
        {
            var name = DisplayName(file.FileName);
            if (name.Length == 0 || TextRules.WhyNot("fileName", name, TextKind.Title) is not null)
            {
                refusals.Add(new AttachmentRefusal(TextRules.Printable(name, TextKind.Title), AttachmentProblem.BadName));
            }
            else if (file.Length > MaxBytes)
            {
                refusals.Add(new AttachmentRefusal(name, AttachmentProblem.TooLarge));
            }
            else if (!Types.ContainsKey(Path.GetExtension(name)) || !await LooksLikeAsync(file))
            {
                refusals.Add(new AttachmentRefusal(name, AttachmentProblem.NotAccepted));
            }
        }

        return refusals;
    }

    /// <summary>Saves checked files under the proposal; returns their descriptions in the order given.</summary>
    public async Task<IReadOnlyList<AttachmentInfo>> SaveAsync(Guid proposalId, IEnumerable<IFormFile> files, string userId, DateTimeOffset now, CancellationToken ct)
    {
        var folder = Path.Combine(Root, proposalId.ToString("N"));
        Directory.CreateDirectory(folder);
        var saved = new List<AttachmentInfo>();
        foreach (var file in files)
        {
            var name = DisplayName(file.FileName);
            var info = new AttachmentInfo(Guid.NewGuid(), name, Types[Path.GetExtension(name)], file.Length, userId, now);
            var path = Path.Combine(folder, info.Id.ToString("N"));
            await using (var target = File.Create(path + ".part"))
            {
                await file.CopyToAsync(target, ct);
            }

            File.Move(path + ".part", path);
            await File.WriteAllTextAsync(path + ".json", JsonSerializer.Serialize(info, Json), ct);
            saved.Add(info);
        }

        return saved;
    }

    /// <summary>The proposal's attachments, oldest first.</summary>
    public IReadOnlyList<AttachmentInfo> List(Guid proposalId)
    {
        var folder = Path.Combine(Root, proposalId.ToString("N"));
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.GetFiles(folder, "*.json")
            .Select(f => JsonSerializer.Deserialize<AttachmentInfo>(File.ReadAllText(f), Json))
            .OfType<AttachmentInfo>()
            .OrderBy(a => a.UploadedAt)];
    }

    /// <summary>An attachment's description and path, or null.</summary>
    public (AttachmentInfo Info, string Path)? Find(Guid proposalId, Guid attachmentId)
    {
        var path = Path.Combine(Root, proposalId.ToString("N"), attachmentId.ToString("N"));
        if (!File.Exists(path) || !File.Exists(path + ".json"))
        {
            return null;
        }

        var info = JsonSerializer.Deserialize<AttachmentInfo>(File.ReadAllText(path + ".json"), Json);
        return info is null ? null : (info, path);
    }

    // The first bytes must agree with the family of the extension, so a renamed executable is refused.
    private static async Task<bool> LooksLikeAsync(IFormFile file)
    {
        var head = new byte[12];
        await using var stream = file.OpenReadStream();
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false);
        var ext = Path.GetExtension(file.FileName).ToLowerInvariant();
        bool Starts(params byte[] magic) => read >= magic.Length && head.AsSpan(0, magic.Length).SequenceEqual(magic);
        return ext switch
        {
            ".pdf" => Starts(0x25, 0x50, 0x44, 0x46),
            ".png" => Starts(0x89, 0x50, 0x4E, 0x47),
            ".jpg" or ".jpeg" => Starts(0xFF, 0xD8, 0xFF),
            ".gif" => Starts(0x47, 0x49, 0x46, 0x38),
            ".webp" => Starts(0x52, 0x49, 0x46, 0x46),
            ".doc" or ".xls" or ".ppt" => Starts(0xD0, 0xCF, 0x11, 0xE0),
            _ => Starts(0x50, 0x4B, 0x03, 0x04),
        };
    }
}
