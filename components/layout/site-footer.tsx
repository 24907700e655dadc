/** The footer of every page: what Sanad is, and the development inbox where it is on. */
export function SiteFooter({ text, devInbox }: { text: string; devInbox: string | null }) {
  return (
    <footer className="site-footer">
      <div>
        <span>{text}</span>
        {devInbox ? (
          <a href="/dev/inbox" className="underline">
            {devInbox}
          </a>
        ) : null}
      </div>
    </footer>
  );
}
