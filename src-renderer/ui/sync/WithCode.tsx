/** A catalog sentence whose `backquoted` parts are commands to type at HQ: those parts shown as code. */
export const WithCode = ({ text }: { text: string }) => (
  <>{text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}</>
);
