using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Documents;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Documents;

/// <summary>Attaches a file to a contract after <see cref="DocumentPolicy"/> checked size and type.
/// A refused file throws a <see cref="DomainException"/> and nothing is saved.</summary>
public sealed class AttachDocument(JoulesDbContext db, DocumentPolicy policy)
{
    public async Task<ContractDocument> RunAsync(Guid contractId, string fileName, byte[] data, DocumentKind kind, CancellationToken ct = default)
    {
        var brandId = await db.Contracts.Where(c => c.Id == contractId).Select(c => (Guid?)c.BrandId).SingleOrDefaultAsync(ct)
            ?? throw new DomainException(CoreText.Get("Contract.NotFound"));
        var (document, content) = policy.Accept(brandId, contractId, fileName, data, kind, db.User.UserName);
        db.ContractDocuments.Add(document);
        db.DocumentContents.Add(content);
        await db.SaveChangesAsync(ct);
        return document;
    }
}

/// <summary>A document's bytes for download.</summary>
public sealed record DocumentFile(string FileName, string ContentType, byte[] Data);

/// <summary>Loads a document for download if the acting user may see its contract (brand and partner filters).</summary>
public sealed class GetDocumentFile(JoulesDbContext db)
{
    public async Task<DocumentFile?> RunAsync(Guid documentId, CancellationToken ct = default) => await (
        from d in db.ContractDocuments.AsNoTracking()
        where d.Id == documentId
        join c in db.Contracts on d.ContractId equals c.Id
        join content in db.DocumentContents on d.Id equals content.DocumentId
        select new DocumentFile(d.FileName, d.ContentType, content.Data)).SingleOrDefaultAsync(ct);
}
