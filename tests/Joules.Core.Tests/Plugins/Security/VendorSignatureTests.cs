using System.Text;
using Joules.Core.Plugins.Security;

namespace Joules.Core.Tests.Plugins.Security;

public class VendorSignatureTests
{
    [Fact]
    public void Signature_verifies_only_for_the_signed_bytes_and_the_right_key()
    {
        using var vendor = VendorSignature.CreateKey();
        using var other = VendorSignature.CreateKey();
        var data = Encoding.UTF8.GetBytes("manifest");
        var signature = VendorSignature.Sign(data, vendor);
        using var publicKey = VendorSignature.ImportPublicKey(VendorSignature.ExportPublicKey(vendor));

        VendorSignature.Verify(data, signature, publicKey).ShouldBeTrue();
        VendorSignature.Verify(Encoding.UTF8.GetBytes("manifesT"), signature, publicKey).ShouldBeFalse();
        VendorSignature.Verify(data, VendorSignature.Sign(data, other), publicKey).ShouldBeFalse();
        VendorSignature.Verify(data, "not base64!", publicKey).ShouldBeFalse();
        VendorSignature.KeyId(publicKey).ShouldBe(VendorSignature.KeyId(vendor));
        VendorSignature.KeyId(other).ShouldNotBe(VendorSignature.KeyId(vendor));
    }
}
