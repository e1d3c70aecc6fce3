using CityCoop.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CityCoop.Server.Pages.Support;

/// <summary>
/// On a page that takes files: an upload over <see cref="AttachmentStore.MaxRequestBytes"/> gets the page again with the
/// message a file over 20 MB gets, naming each file found over 20 MB (or, when none is, that the upload as a whole is too
/// large), and nothing is saved — not the framework's empty 400 that antiforgery answers when it cannot read the form.
/// Runs after the page's form limits are set (order 900) and before antiforgery reads the form (1000). The page must lift
/// the server's request size limit (<see cref="DisableRequestSizeLimitAttribute"/>): this filter reads at most the limit,
/// and only so far can it learn the files' names. The refusal goes to the page's GET through TempData
/// (<see cref="TempDataKey"/>: the names, one a line).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>The TempData entry the page reads: the names of the files over 20 MB, one a line (empty: none known).</summary>
    public const string TempDataKey = "UploadRefused";

    /// <inheritdoc/>
    public int Order => 950;

    /// <inheritdoc/>
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return;
        }

        IReadOnlyList<string> oversized;
        if (request.ContentLength > AttachmentStore.MaxRequestBytes)
        {
            oversized = await OversizedFilesAsync(request);
        }
        else
        {
            try
            {
                // Within the limits the form is read once here, as antiforgery and binding would; they reuse it.
                await request.ReadFormAsync(http.RequestAborted);
                return;
            }
            catch (InvalidDataException)
            {
                // A body without a length that ran past the form limit.
                oversized = [];
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                oversized = [];
            }
        }

        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        tempData[TempDataKey] = string.Join('\n', oversized);
        tempData.Save();
        context.Result = new RedirectResult(request.Path + request.QueryString);
    }

    // Reads the multipart sections up to the limit, counting each file's bytes without keeping them.
    private static async Task<IReadOnlyList<string>> OversizedFilesAsync(HttpRequest request)
    {
        var names = new List<string>();
        if (HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value is not { Length: > 0 } boundary)
        {
            return names;
        }

        var reader = new MultipartReader(boundary, request.Body);
        var budget = AttachmentStore.MaxRequestBytes;
        var buffer = new byte[81_920];
        try
        {
            for (var section = await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted); section is not null && budget > 0; section = await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted))
            {
                long size = 0;
                int read;
                while (budget > 0 && (read = await section.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
                {
                    size += read;
                    budget -= read;
                }

                if (size > AttachmentStore.MaxBytes && section.GetContentDispositionHeader() is { } disposition && disposition.IsFileDisposition())
                {
                    var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    names.Add(CityCoop.Workflows.TextRules.Printable(AttachmentStore.DisplayName(name), CityCoop.Workflows.TextKind.Title));
                }
            }
        }
        catch (IOException)
        {
            // The client stopped sending, or the body ended early: the names found so far are all there is to say.
        }
        catch (InvalidDataException)
        {
            // Not well-formed multipart: the same.
        }

        return names;
    }
}
