import { describe, expect, it } from 'vitest';
import { isIdentifier, toIdentifier } from '../../../model/names/identifiers.ts';

describe('toIdentifier', () => {
  it.each([
    ['Order placed', 'OrderPlaced', 'orderPlaced', 'order-placed'],
    ['order-placed', 'OrderPlaced', 'orderPlaced', 'order-placed'],
    ['  Order   placed ', 'OrderPlaced', 'orderPlaced', 'order-placed'],
    ['placeOrder', 'PlaceOrder', 'placeOrder', 'place-order'],
    ['HTTP request sent', 'HttpRequestSent', 'httpRequestSent', 'http-request-sent'],
    ['Bestellung bestätigt', 'BestellungBestatigt', 'bestellungBestatigt', 'bestellung-bestatigt'],
    ['Straße gesperrt', 'StrasseGesperrt', 'strasseGesperrt', 'strasse-gesperrt'],
    ['Commande créée', 'CommandeCreee', 'commandeCreee', 'commande-creee'],
    ['Заказ создан', 'ЗаказСоздан', 'заказСоздан', 'заказ-создан'],
    ['注文 確定', '注文確定', '注文確定', '注文-確定'],
    ['Order #42 paid', 'Order42Paid', 'order42Paid', 'order-42-paid'],
  ])('%s → %s', (name, pascal, camel, kebab) => {
    const id = toIdentifier(name);
    expect(id).toMatchObject({ pascal, camel, kebab });
    expect(id.problem).toBeUndefined();
    expect(isIdentifier(id.pascal)).toBe(true);
  });

  it('makes reserved camelCase words safe', () => {
    expect(toIdentifier('Delete').camel).toBe('delete_');
    expect(toIdentifier('new').camel).toBe('new_');
    expect(isIdentifier(toIdentifier('Delete').camel)).toBe(true);
  });

  it('reports names that cannot become code', () => {
    expect(toIdentifier('!!!').problem?.code).toBe('empty');
    expect(toIdentifier('').problem?.code).toBe('empty');
    expect(toIdentifier('3D print ordered').problem?.code).toBe('leading-digit');
    expect(toIdentifier('Error').problem?.code).toBe('reserved');
    expect(toIdentifier('Date').problem?.code).toBe('reserved');
  });

  it('keeps hostile strings harmless', () => {
    expect(toIdentifier('__proto__').pascal).toBe('Proto');
    expect(toIdentifier('../../x').kebab).toBe('x');
    expect(toIdentifier('constructor').camel).toBe('constructor');
  });
});
