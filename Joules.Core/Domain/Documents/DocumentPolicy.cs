using System.Security.Cryptography;
using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Documents;

/// <summary>Checks an upload (size, declared type against the file's magic bytes) and creates the document.</summary>
public sealed class DocumentPolicy(long maxBytes = DocumentPolicy.DefaultMaxBytes)
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    private static readonly (string ContentType, string[] Extensions, byte[] Magic)[] Accepted =
    [
        ("application/pdf", [".pdf"], "%PDF-"u8.ToArray()),
        ("image/png", [".png"], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [".jpg", ".jpeg"], [0xFF, 0xD8, 0xFF]),
        ("audio/mpeg", [".mp3"], "ID3"u8.ToArray()),
        ("audio/mpeg", [".mp3"], [0xFF, 0xFB]),
        ("audio/mpeg", [".mp3"], [0xFF, 0xF3]),
    ];

    public long MaxBytes { get; } = maxBytes;

    /// <summary>Refuses a file larger than <see cref="MaxBytes"/> before its bytes are read (uploads check the declared size first).</summary>
    public void EnsureSize(string fileName, long size)
    {
        if (size > MaxBytes)
            throw new DomainException(CoreText.Format("Document.TooLarge", Path.GetFileName(fileName), size / 1024.0 / 1024.0, MaxBytes / 1024 / 1024), "File");
    }

    /// <summary>Validates and returns the document with its content; throws a <see cref="DomainException"/> otherwise.</summary>
    public (ContractDocument Document, DocumentContent Content) Accept(Guid brandId, Guid contractId, string fileName, byte[] data, DocumentKind kind, string uploadedBy)
    {
        fileName = Path.GetFileName(fileName ?? "").Trim();
        if (fileName.Length is 0 or > 200) throw new DomainException(CoreText.Get("Document.NameInvalid"), "FileName");
        if (data.Length == 0) throw new DomainException(CoreText.Get("Document.Empty"), "File");
        EnsureSize(fileName, data.Length);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var match = Accepted.FirstOrDefault(a => a.Extensions.Contains(extension) && data.AsSpan().StartsWith(a.Magic));
        if (match.ContentType is null)
            throw new DomainException(CoreText.Format("Document.TypeRefused", fileName), "File");
        var sha = Convert.ToHexStringLower(SHA256.HashData(data));
        var document = new ContractDocument(brandId, contractId, fileName, match.ContentType, kind, data.Length, sha, uploadedBy);
        return (document, new DocumentContent(brandId, document.Id, data));
    }
}
