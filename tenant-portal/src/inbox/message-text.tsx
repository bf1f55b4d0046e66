// A message's plain text as its reader sees it: line breaks kept, web addresses clickable (they open the portal's
// own pages, such as an invitation's "accept" link, in place of a mail client).
const URL_PATTERN = /(https?:\/\/[^\s<>"')]+)/g;

export function MessageText({ text }: { text: string }) {
  return (
    <div className="message-text">
      {text.split(URL_PATTERN).map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </div>
  );
}
