using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Documents;

[Collection(BrowserCollection.Name)]
public sealed class ContractDocumentTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Refuses_a_wrong_file_type_then_uploads_a_pdf_that_downloads_with_name_and_type()
    {
        var (id, _) = await App.CreateContractAsync("Okonkwo");
        await Page.SignInAsync("staff", DemoUsers.Password);
        await Page.OpenAsync($"/contracts/{id}");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Dokumente" }).ClickAsync();
        await Expect(Page.GetByTestId("documents-empty")).ToBeVisibleAsync();

        // MudFileUpload keeps a spare hidden input: the last one is the active picker.
        var picker = Page.Locator("input[type=file]").Last;
        var wrongType = new FilePayload { Name = "Tabelle.pdf", MimeType = "application/pdf", Buffer = "PK\u0003\u0004 no pdf"u8.ToArray() };
        await Page.UntilShownAsync(() => picker.SetInputFilesAsync(wrongType), Page.GetByTestId("document-error"));
        await Expect(Page.GetByTestId("document-error")).ToContainTextAsync("„Tabelle.pdf“ ist kein erlaubter Dateityp");

        await Page.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "Auftrag.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 Auftrag"u8.ToArray() });
        var row = Page.GetByTestId("document-row");
        await Expect(row).ToContainTextAsync("Auftrag.pdf");
        await Expect(Page.GetByTestId("document-error")).ToHaveCountAsync(0);

        var href = await row.GetByRole(AriaRole.Link).GetAttributeAsync("href");
        var response = await Page.Context.APIRequest.GetAsync(href!);
        response.Status.ShouldBe(200);
        response.Headers["content-type"].ShouldBe("application/pdf");
        response.Headers["content-disposition"].ShouldContain("Auftrag.pdf");
        (await response.BodyAsync()).ShouldBe("%PDF-1.4 Auftrag"u8.ToArray());

        // Without a sign-in the same address does not hand out the file.
        var anonymous = await App.Browser.NewPageAsync(App.Host.BaseUrl);
        var refused = await anonymous.Context.APIRequest.GetAsync(href!, new() { MaxRedirects = 0 });
        refused.Status.ShouldNotBe(200);
        await anonymous.Context.DisposeAsync();
    }
}
