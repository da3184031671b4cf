using Joules.Core.Domain.Common;
using Joules.Core.Domain.Documents;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.UseCases.Documents;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.UseCases.Documents;

public class AttachDocumentTests : UseCaseTestBase
{
    private static byte[] Pdf(int size)
    {
        var data = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(data);
        return data;
    }

    private async Task<Guid> ContractAsync()
    {
        await using var db = ClerkOf(BrandA);
        return (await TestData.AddContractAsync(db, BrandA.Id)).Id;
    }

    [Fact]
    public async Task Attaches_a_pdf_and_serves_it_back()
    {
        var contractId = await ContractAsync();
        Guid documentId;
        await using (var db = ClerkOf(BrandA))
            documentId = (await new AttachDocument(db, new DocumentPolicy(1024)).RunAsync(contractId, "Auftrag.pdf", Pdf(500), DocumentKind.SignedContract)).Id;

        await using var read = ClerkOf(BrandA);
        var file = (await new GetDocumentFile(read).RunAsync(documentId))!;
        file.FileName.ShouldBe("Auftrag.pdf");
        file.ContentType.ShouldBe("application/pdf");
        file.Data.Length.ShouldBe(500);
        await using var other = ClerkOf(BrandB);
        (await new GetDocumentFile(other).RunAsync(documentId)).ShouldBeNull();
    }

    [Fact]
    public async Task Refuses_an_oversized_document_with_a_german_message_and_saves_nothing()
    {
        var contractId = await ContractAsync();
        await using (var db = ClerkOf(BrandA))
        {
            var ex = await Should.ThrowAsync<DomainException>(() =>
                new AttachDocument(db, new DocumentPolicy(1024 * 1024)).RunAsync(contractId, "Scan.pdf", Pdf(2 * 1024 * 1024), DocumentKind.ContractScan));
            ex.Message.ShouldStartWith("„Scan.pdf“ ist 2");
            ex.Message.ShouldEndWith("MB groß; erlaubt sind höchstens 1 MB.");
            ex.Field.ShouldBe("File");
        }
        await AssertNoDocumentsAsync();
    }

    [Fact]
    public async Task Refuses_a_wrong_content_type_with_a_german_message_and_saves_nothing()
    {
        var contractId = await ContractAsync();
        await using (var db = ClerkOf(BrandA))
        {
            var ex = await Should.ThrowAsync<DomainException>(() =>
                new AttachDocument(db, new DocumentPolicy()).RunAsync(contractId, "Tabelle.pdf", "PK\u0003\u0004 not a pdf"u8.ToArray(), DocumentKind.Other));
            ex.Message.ShouldContain("„Tabelle.pdf“ ist kein erlaubter Dateityp");
            ex.Field.ShouldBe("File");
        }
        await AssertNoDocumentsAsync();
    }

    private async Task AssertNoDocumentsAsync()
    {
        await using var check = System();
        (await check.ContractDocuments.CountAsync()).ShouldBe(0);
        (await check.DocumentContents.CountAsync()).ShouldBe(0);
    }
}
