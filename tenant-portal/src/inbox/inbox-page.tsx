// The development inbox (local shape): every message the platform sent about this workspace — invitations, password
// resets, billing notices — listed newest first, one opened below the list. Where mail goes to real mailboxes (SMTP,
// Amazon SES) the page says so instead.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/trpc.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RecordTable } from '../components/record-table.js';
import { formatDate } from '../format/format.js';
import { EmailKindLabel } from './email-kind-label.js';
import { MessageText } from './message-text.js';

export function InboxPage() {
  const trpc = useTRPC();
  const list = useInfiniteQuery(trpc.inbox.list.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const [openId, setOpenId] = useState<string | undefined>();
  const open = useQuery({ ...trpc.inbox.get.queryOptions({ messageId: openId ?? '' }), enabled: openId !== undefined });
  const available = list.data?.pages[0]?.available;
  const messages = list.data?.pages.flatMap((page) => page.data);
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Inbox</h1>
      <p className="hint">Mail the platform sent for this workspace while it runs on this machine: nothing here left it. Set OTT_SMTP_URL to send through a mail server instead.</p>
      <ErrorNotice error={list.error ?? open.error ?? undefined} />
      {available === false ? <p className="notice">Mail goes to real inboxes here (a mail server or Amazon SES), so there is no development inbox.</p> : null}
      {messages?.length === 0 ? <p className="empty">No messages yet. Invite a viewer or an admin to see one arrive.</p> : null}
      {messages?.length ? (
        <RecordTable
          caption="Messages"
          columns={['Subject', 'To', 'Kind', 'Sent']}
          rows={messages.map((message) => ({
            key: message.messageId,
            name: (
              <button type="button" className="link-button" aria-pressed={message.messageId === openId} onClick={() => setOpenId(message.messageId)}>
                {message.subject}
              </button>
            ),
            cells: [message.to, <EmailKindLabel kind={message.kind} />, formatDate(message.sentAt)],
          }))}
        />
      ) : null}
      {list.hasNextPage ? (
        <button type="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
      {open.data ? (
        <article className="panel inbox-message" aria-labelledby="inbox-message-subject">
          <h2 id="inbox-message-subject">{open.data.subject}</h2>
          <p className="hint">
            To {open.data.to} · <EmailKindLabel kind={open.data.kind} /> · {formatDate(open.data.sentAt)}
          </p>
          <MessageText text={open.data.text} />
        </article>
      ) : null}
    </section>
  );
}
