using System.IO;
using System.Text;

namespace MailTools.Core.Export
{
    /// <summary>Small-file writes that survive a crash: temp file, flush to disk, then rename over the old one.</summary>
    internal static class DurableFile
    {
        public static void WriteAllText(string path, string text)
        {
            string temp = path + ".tmp";
            using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(false).GetBytes(text);
                fs.Write(bytes, 0, bytes.Length);
                fs.Flush(true);
            }
            if (File.Exists(path))
                File.Replace(temp, path, null);   // a rename: the old state or the new one, never half of either
            else
                File.Move(temp, path);
        }
    }
}
