using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Documents;

/// <summary>What a document is.</summary>
public enum DocumentKind { Other = 0, ContractScan = 1, PowerOfAttorney = 2, SignedContract = 3, VoiceRecording = 4, Correspondence = 5 }

/// <summary>A file attached to a contract. The bytes live in <see cref="DocumentContent"/> so lists stay light.</summary>
public sealed class ContractDocument : Entity, ITenantOwned
{
    private ContractDocument() { }

    internal ContractDocument(Guid brandId, Guid contractId, string fileName, string contentType, DocumentKind kind, long size, string sha256, string uploadedBy)
    {
        BrandId = brandId;
        ContractId = contractId;
        FileName = fileName;
        ContentType = contentType;
        Kind = kind;
        Size = size;
        Sha256 = sha256;
        UploadedBy = uploadedBy;
    }

    public Guid BrandId { get; set; }
    public Guid ContractId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public DocumentKind Kind { get; private set; }
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; } = DateTimeOffset.UtcNow;
}

/// <summary>The bytes of a <see cref="ContractDocument"/> (same key).</summary>
public sealed class DocumentContent : ITenantOwned
{
    private DocumentContent() { }

    internal DocumentContent(Guid brandId, Guid documentId, byte[] data)
    {
        BrandId = brandId;
        DocumentId = documentId;
        Data = data;
    }

    public Guid DocumentId { get; private set; }
    public Guid BrandId { get; set; }
    public byte[] Data { get; private set; } = [];
}
