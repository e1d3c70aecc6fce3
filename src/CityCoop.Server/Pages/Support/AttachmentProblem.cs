namespace CityCoop.Server.Pages.Support;

/// <summary>Why an uploaded file was refused (each has its message on the draft form).</summary>
public enum AttachmentProblem
{
    /// <summary>Over <see cref="AttachmentStore.MaxBytes"/> (20 MB), or over the upload's absolute limit.</summary>
    TooLarge,

    /// <summary>Not a PDF, Office document or image, by extension or by its first bytes.</summary>
    NotAccepted,

    /// <summary>A name that is empty or holds a control or bidirectional formatting character.</summary>
    BadName,
}
