# Example clean-up policy for Invoke-MailCleanup -Policy (the same shape as cleanup-policy.json).
# Rules run in order; a message is acted on at most once per run. Folders take names, wildcards, or special-use
# roles (@Inbox, @Sent, @Drafts, @Trash, @Junk, @Archive), because folder names are localised.
# Archive writes each message to -ArchivePath (or ArchivePath here, relative to this file), verifies the copy, and only
# then deletes it from the server. Try it first with -WhatIf.
@{
    Description   = 'Empty old trash and junk, drop old newsletters, archive old and big mail'
    ArchiveFormat = 'Maildir'
    Rules         = @(
        @{ Name = 'Old trash and junk'; Folders = '@Trash', '@Junk'; OlderThan = '30d'; Action = 'Delete' }
        @{ Name = 'Old newsletters'; Folders = 'Newsletters'; OlderThan = '90d'; Action = 'Delete' }
        @{ Name = 'Year-old mail'; Folders = 'INBOX', '@Sent'; OlderThan = '1y'; Action = 'Archive' }
        @{ Name = 'Big and old'; Folders = '*'; LargerThan = '10MB'; OlderThan = '6mo'; Action = 'Archive' }
    )
}
