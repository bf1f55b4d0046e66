// A popup menu of radio items (quality, speed, captions), or of plain items (the overflow menu of a narrow player),
// keyboard-operable as WAI-ARIA's menu pattern asks: arrows move, Escape closes and gives focus back to the button
// that opened it.
export interface MenuItem {
  label: string;
  /** Whether this choice is the current one; undefined for an item that is an action, not a choice. */
  checked?: boolean;
  select(): void;
}

export interface OpenMenu {
  readonly name: string;
  close(returnFocus: boolean): void;
}

export function openMenu(menu: HTMLElement, opener: HTMLElement, name: string, title: string, items: readonly MenuItem[], onClose: () => void): OpenMenu {
  const doc = menu.ownerDocument;
  menu.replaceChildren();
  const heading = doc.createElement('h2');
  heading.id = `ott-menu-${name}`;
  heading.textContent = title;
  menu.setAttribute('aria-labelledby', heading.id);
  menu.append(heading);
  const buttons = items.map((item) => {
    const button = doc.createElement('button');
    if (item.checked === undefined) button.setAttribute('role', 'menuitem');
    else {
      button.setAttribute('role', 'menuitemradio');
      button.setAttribute('aria-checked', String(item.checked));
    }
    button.tabIndex = -1;
    button.textContent = item.label;
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      // Close before acting: the choice may re-render menus (a new quality shows in the list).
      handle.close(true);
      item.select();
    });
    menu.append(button);
    return button;
  });
  const onKey = (event: KeyboardEvent) => {
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    const move = (to: number) => buttons[(to + buttons.length) % buttons.length]?.focus();
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(buttons.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') handle.close(event.key === 'Escape');
    else return;
    event.preventDefault();
    // The player's own shortcuts (arrows seek, Escape…) must not also fire.
    event.stopPropagation();
  };
  menu.addEventListener('keydown', onKey);
  menu.hidden = false;
  opener.setAttribute('aria-expanded', 'true');
  (buttons.find((_button, index) => items[index]?.checked === true) ?? buttons[0])?.focus();
  let open = true;
  const handle: OpenMenu = {
    name,
    close(returnFocus) {
      if (!open) return;
      open = false;
      menu.removeEventListener('keydown', onKey);
      menu.hidden = true;
      menu.replaceChildren();
      opener.setAttribute('aria-expanded', 'false');
      if (returnFocus) opener.focus();
      onClose();
    },
  };
  return handle;
}
