using System.Buffers.Binary;
using System.Text;

namespace Joules.Core.Tests.Plugins.Packaging;

/// <summary>Rewrites the uncompressed size of one zip entry in its local header and central directory record,
/// so the header claims less than the entry inflates to.</summary>
internal static class ZipBomb
{
    public static byte[] ClaimSize(byte[] zip, string entryName, uint claimedSize)
    {
        var bytes = zip.ToArray();
        var name = Encoding.UTF8.GetBytes(entryName);
        var patched = 0;
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && NameAt(bytes, i + 30, i + 26, name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), claimedSize);
                patched++;
            }
            else if (signature == 0x02014b50 && NameAt(bytes, i + 46, i + 28, name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), claimedSize);
                patched++;
            }
        }
        if (patched != 2) throw new InvalidOperationException($"Expected two headers for {entryName}, patched {patched}.");
        return bytes;
    }

    private static bool NameAt(byte[] bytes, int nameOffset, int lengthOffset, byte[] name) =>
        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(lengthOffset)) == name.Length
        && nameOffset + name.Length <= bytes.Length
        && bytes.AsSpan(nameOffset, name.Length).SequenceEqual(name);
}
